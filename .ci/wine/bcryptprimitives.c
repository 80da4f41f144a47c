/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the Windows build
 * under Wine 8 (Debian 12), which lacks it. Rust's standard library imports
 * ProcessPrng from it at start (for its random hash seeds). This forwards to
 * RtlGenRandom (SystemFunction036 of advapi32), which Wine has.
 *
 * Built by .ci/windows with:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c
 * and placed next to the .exe. Test harness only: never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

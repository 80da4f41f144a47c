"""Statistics of a sled 0.34 store from its snapshot file (see docs/scale-sled.md).

usage: python3 docs/scale-sled-snapstat.py STORE_DIR PATIENTS
Pages, live bytes (base + frags, as sled accounts them), frags per page and
live bytes per log segment. Format: sled 0.34.7 src/pagecache/snapshot.rs and
src/serialization.rs.
"""
import sys, glob, struct, collections
def varint(b, i):
    x = b[i]
    if x <= 240: return x, i+1
    if x <= 248: return 240 + 256*(x-241) + b[i+1], i+2
    if x == 249: return 2288 + 256*b[i+1] + b[i+2], i+3
    sz = x - 247
    return int.from_bytes(b[i+1:i+1+sz], 'little'), i+1+sz
def diskptr(b, i):
    d = b[i]; i += 1
    off, i = varint(b, i)
    if d == 1: i += 8
    return (d, off), i
path = sorted(glob.glob(sys.argv[1] + '/snap.*'))[-1]
b = open(path, 'rb').read()[:-12]
i = 8
_, i = varint(b, i)
seg = collections.Counter(); SEG=int(open(sys.argv[1]+"/conf","rb").read().split(b"\n")[0].split(b": ")[1])
pages = free = 0; live = 0; nfr = collections.Counter(); base_sz = 0; frag_sz = 0
while i < len(b):
    d = b[i]; i += 1
    if d == 0:
        i += 8; _, i = diskptr(b, i); free += 1; continue
    pages += 1
    i += 8; p, i = diskptr(b, i); s, i = varint(b, i); base_sz += s; seg[p[1]//SEG] += s
    nfr[d-1] += 1
    for _ in range(d-1):
        i += 8; p, i = diskptr(b, i); s, i = varint(b, i); frag_sz += s; seg[p[1]//SEG] += s
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1
print(f"pages {pages} free {free} live_bytes {base_sz+frag_sz} (bases {base_sz}, frags {frag_sz}); per patient: live {(base_sz+frag_sz)/n:.1f}, pages {pages/n:.3f}; avg base {base_sz/max(pages,1):.0f} B; frags/page hist {sorted(nfr.items())}")

import os
dbsz = os.path.getsize(sys.argv[1] + '/db'); nseg = (dbsz + SEG - 1)//SEG
pcts = [100*seg.get(k,0)/SEG for k in range(nseg)]
buckets = collections.Counter(min(int(p//10)*10, 100) for p in pcts)
print(f"segments in file {nseg}, with live data {len(seg)}, empty {nseg-len(seg)}; live% histogram (decile: count) {sorted(buckets.items())}")

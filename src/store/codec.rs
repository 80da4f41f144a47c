//! The envelope around every stored value: one format-version byte, then the
//! bincode 2 payload (standard config, 1 MiB limit, whole slice consumed).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// Largest payload the decoder accepts: a corrupt length prefix must not make
/// bincode allocate without bound.
pub const LIMIT: usize = 1 << 20;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<LIMIT>()
}

/// Encodes `value` behind the `version` byte.
pub fn encode<T: Serialize>(version: u8, value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![version];
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .map_err(|e| StoreError::Encode(e.to_string()))?;
    Ok(out)
}

/// Splits an envelope into its version and payload.
pub fn version_of(bytes: &[u8]) -> Result<(u8, &[u8]), String> {
    match bytes.split_first() {
        Some((v, rest)) => Ok((*v, rest)),
        None => Err("valore vuoto".into()),
    }
}

/// Decodes a payload (without the version byte), requiring that every byte is used.
pub fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, String> {
    let (value, used): (T, usize) =
        bincode::serde::decode_from_slice(payload, config()).map_err(|e| e.to_string())?;
    if used != payload.len() {
        return Err(format!(
            "{} byte in eccesso dopo il record",
            payload.len() - used
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_trailing_bytes() {
        let bytes = encode(3, &("abc".to_string(), 7u32)).unwrap();
        let (v, payload) = version_of(&bytes).unwrap();
        assert_eq!(v, 3);
        let back: (String, u32) = decode_payload(payload).unwrap();
        assert_eq!(back, ("abc".to_string(), 7));
        let mut longer = payload.to_vec();
        longer.push(0);
        let err = decode_payload::<(String, u32)>(&longer).unwrap_err();
        assert!(err.contains("1 byte in eccesso"), "{err}");
        assert!(version_of(&[]).is_err());
    }

    #[test]
    fn huge_length_prefix_is_refused_not_allocated() {
        // A varint claiming a string of u64::MAX bytes.
        let evil = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        assert!(decode_payload::<String>(&evil).is_err());
        assert!(decode_payload::<Vec<u64>>(&[0xFC, 0xFF, 0xFF, 0xFF, 0x7F]).is_err());
    }
}

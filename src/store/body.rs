//! How a record's body is kept: UTF-8 TEXT, or a UTF-16LE BLOB when that is shorter. Chinese
//! characters take three bytes in UTF-8 and two in UTF-16, and the body is most of a record, so a
//! Chinese store is about a quarter smaller; English text stays UTF-8 (UTF-16 would double it).

use rusqlite::Row;
use rusqlite::types::{ToSqlOutput, Type, ValueRef};

/// The column value to write for `body`.
pub(super) fn encode(body: &str) -> ToSqlOutput<'_> {
    if shorter_as_utf16(body) {
        let bytes = body.encode_utf16().flat_map(u16::to_le_bytes).collect();
        ToSqlOutput::Owned(rusqlite::types::Value::Blob(bytes))
    } else {
        ToSqlOutput::Borrowed(ValueRef::Text(body.as_bytes()))
    }
}

/// Reads a body column written by [`encode`] (or as plain text by an older vochub).
pub(super) fn decode(row: &Row, i: usize) -> rusqlite::Result<String> {
    let fail = |t, e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(i, t, e)
    };
    match row.get_ref(i)? {
        ValueRef::Text(t) => String::from_utf8(t.to_vec()).map_err(|e| fail(Type::Text, e.into())),
        ValueRef::Blob(b) if b.len() % 2 == 0 => {
            let units: Vec<u16> = b
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16(&units).map_err(|e| fail(Type::Blob, e.into()))
        }
        ValueRef::Blob(_) => Err(fail(Type::Blob, "odd-length UTF-16 body".into())),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            "body".into(),
            other.data_type(),
        )),
    }
}

/// Whether `s` takes fewer bytes in UTF-16 than in UTF-8 (and so is written as a BLOB).
pub(super) fn shorter_as_utf16(s: &str) -> bool {
    s.chars().map(|c| c.len_utf16() * 2).sum::<usize>() < s.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn round_trip(body: &str) -> (String, &'static str) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute("CREATE TABLE t (b)", []).unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [encode(body)])
            .unwrap();
        conn.query_row("SELECT b, typeof(b) FROM t", [], |r| {
            let kind: String = r.get(1)?;
            Ok((decode(r, 0)?, if kind == "blob" { "blob" } else { "text" }))
        })
        .unwrap()
    }

    #[test]
    fn chinese_is_kept_as_utf16_and_english_as_text() {
        let zh = "物流太慢了，客服也不回复 😡 order#42";
        assert_eq!(round_trip(zh), (zh.to_string(), "blob"));
        let en = "Refund still not processed after 10 days";
        assert_eq!(round_trip(en), (en.to_string(), "text"));
        assert_eq!(round_trip(""), (String::new(), "text"));
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        let conn = Connection::open_in_memory().unwrap();
        for bad in [vec![0x41u8], vec![0x00, 0xD8]] {
            let got = conn.query_row("SELECT ?1", [bad], |r| decode(r, 0));
            assert!(got.is_err());
        }
    }
}

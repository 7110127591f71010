//! Flat records without JSON: a serde `Serializer` that turns a struct of scalar fields (the
//! CLI's `Event`) into its `(field, Cell)` pairs in declaration order, with no Python and no GIL.
//!
//! Coding threads produce `Record`s; only then, holding the GIL, are they turned into dicts or
//! column lists. Any field added to `Event` appears here (and in Python) with no change.

use serde::ser::{self, Impossible, Serialize};

/// One scalar value of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// A flat record: field names in declaration order.
pub type Record = Vec<(&'static str, Cell)>;

/// The record of a flat struct (`Event`); an error when it is not one.
pub fn record<T: Serialize>(value: &T) -> Result<Record, Error> {
    value.serialize(StructSer)
}

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn not_flat<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("not a flat record: {what}")))
}

/// Serializes the outer struct.
struct StructSer;

/// Collects its fields.
pub struct Fields(Record);

impl ser::SerializeStruct for Fields {
    type Ok = Record;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.0.push((key, value.serialize(CellSer)?));
        Ok(())
    }
    fn end(self) -> Result<Record, Error> {
        Ok(self.0)
    }
}

macro_rules! reject {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, Error> { not_flat(stringify!($name)) })*
    };
}

impl ser::Serializer for StructSer {
    type Ok = Record;
    type Error = Error;
    type SerializeSeq = Impossible<Record, Error>;
    type SerializeTuple = Impossible<Record, Error>;
    type SerializeTupleStruct = Impossible<Record, Error>;
    type SerializeTupleVariant = Impossible<Record, Error>;
    type SerializeMap = MapFields;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Impossible<Record, Error>;

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Fields, Error> {
        Ok(Fields(Vec::with_capacity(len)))
    }
    reject!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<Record, Error> {
        not_flat("option")
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<Record, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<Record, Error> {
        not_flat("enum")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        not_flat("sequence")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        not_flat("tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        not_flat("tuple struct")
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        not_flat("enum")
    }
    // A struct with a `#[serde(flatten)]` field (the event's location) arrives as a map.
    fn serialize_map(self, len: Option<usize>) -> Result<MapFields, Error> {
        Ok(MapFields { out: Vec::with_capacity(len.unwrap_or(32)), key: None })
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        not_flat("enum")
    }
}

/// Collects the entries of a flattened struct; keys are field names.
pub struct MapFields {
    out: Record,
    key: Option<&'static str>,
}

impl ser::SerializeMap for MapFields {
    type Ok = Record;
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        match key.serialize(CellSer)? {
            Cell::Str(k) => {
                self.key = Some(field_name(&k));
                Ok(())
            }
            _ => not_flat("a map with non-string keys"),
        }
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("a map value without its key".into()))?;
        self.out.push((key, value.serialize(CellSer)?));
        Ok(())
    }
    fn end(self) -> Result<Record, Error> {
        Ok(self.out)
    }
}

/// The field name `k` as a `&'static str`: field names are a small fixed set, each stored once
/// (process-wide, behind a lock); each thread keeps the names it has met, so coding threads do
/// not take the lock for every field of every event.
fn field_name(k: &str) -> &'static str {
    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    thread_local! {
        static SEEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }
    if let Some(n) = SEEN.with_borrow(|seen| seen.iter().find(|n| **n == k).copied()) {
        return n;
    }
    let mut names = NAMES.get_or_init(|| Mutex::new(HashSet::new())).lock().unwrap_or_else(|e| e.into_inner());
    let n: &'static str = match names.get(k) {
        Some(n) => n,
        None => {
            let n: &'static str = Box::leak(k.to_string().into_boxed_str());
            names.insert(n);
            n
        }
    };
    SEEN.with_borrow_mut(|seen| seen.push(n));
    n
}

/// Serializes one field's scalar value.
struct CellSer;

impl ser::Serializer for CellSer {
    type Ok = Cell;
    type Error = Error;
    type SerializeSeq = Impossible<Cell, Error>;
    type SerializeTuple = Impossible<Cell, Error>;
    type SerializeTupleStruct = Impossible<Cell, Error>;
    type SerializeTupleVariant = Impossible<Cell, Error>;
    type SerializeMap = Impossible<Cell, Error>;
    type SerializeStruct = Impossible<Cell, Error>;
    type SerializeStructVariant = Impossible<Cell, Error>;

    fn serialize_bool(self, v: bool) -> Result<Cell, Error> {
        Ok(Cell::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Cell, Error> {
        Ok(Cell::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Cell, Error> {
        Ok(Cell::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Cell, Error> {
        Ok(Cell::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Cell, Error> {
        Ok(Cell::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Cell, Error> {
        Ok(Cell::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Cell, Error> {
        Ok(Cell::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Cell, Error> {
        Ok(Cell::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Cell, Error> {
        i64::try_from(v).map(Cell::Int).map_err(|_| Error(format!("{v} does not fit in 64 signed bits")))
    }
    fn serialize_f32(self, v: f32) -> Result<Cell, Error> {
        Ok(Cell::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Cell, Error> {
        Ok(Cell::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Cell, Error> {
        Ok(Cell::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Cell, Error> {
        Ok(Cell::Str(v.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Cell, Error> {
        not_flat("bytes")
    }
    fn serialize_none(self) -> Result<Cell, Error> {
        Ok(Cell::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Cell, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Cell, Error> {
        Ok(Cell::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Cell, Error> {
        Ok(Cell::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Cell, Error> {
        Ok(Cell::Str(variant.to_string()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<Cell, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<Cell, Error> {
        not_flat("enum with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        not_flat("nested sequence")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        not_flat("nested tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        not_flat("nested tuple struct")
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        not_flat("nested enum")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        not_flat("nested map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        not_flat("nested struct")
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        not_flat("nested enum")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Flat {
        b: String,
        a: Option<u32>,
        c: &'static str,
        d: f64,
    }

    #[test]
    fn fields_in_declaration_order() {
        let r = record(&Flat { b: "x".into(), a: None, c: "y", d: 1.5 }).expect("flat");
        assert_eq!(r, vec![("b", Cell::Str("x".into())), ("a", Cell::Null), ("c", Cell::Str("y".into())), ("d", Cell::Float(1.5))]);
        assert!(record(&vec![1]).is_err());
    }
}

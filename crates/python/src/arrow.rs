//! Records as one Arrow record batch, built in Rust and exported through the Arrow C data
//! interface (no Python object per value): what `code_arrow` and Spark's `mapInArrow` hand to
//! pyarrow.

use crate::record::{Cell, Record};
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::ffi::{to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use std::sync::Arc;

/// The Arrow type of a type name of `demarche.EVENT_COLUMNS`.
fn data_type(name: &str) -> Option<DataType> {
    Some(match name {
        "string" => DataType::Utf8,
        "int64" => DataType::Int64,
        "int32" => DataType::Int32,
        "float64" => DataType::Float64,
        "bool_" => DataType::Boolean,
        _ => return None,
    })
}

/// The type of a field not in `types`: that of its first non-null value.
fn inferred(rows: &[&Record], i: usize) -> DataType {
    let first = rows.iter().map(|r| &r[i].1).find(|c| !matches!(c, Cell::Null));
    match first {
        Some(Cell::Bool(_)) => DataType::Boolean,
        Some(Cell::Int(_)) => DataType::Int64,
        Some(Cell::Float(_)) => DataType::Float64,
        _ => DataType::Utf8,
    }
}

fn mismatch(name: &str, t: &DataType, cell: &Cell) -> ArrowError {
    ArrowError::InvalidArgumentError(format!("field {name}: {cell:?} is not a {t}"))
}

/// Column `i` of `rows` as an array of type `t`.
fn column(rows: &[&Record], i: usize, name: &str, t: &DataType) -> Result<ArrayRef, ArrowError> {
    let cells = rows.iter().map(|r| &r[i].1);
    Ok(match t {
        DataType::Int64 => {
            let mut b = Int64Builder::with_capacity(rows.len());
            for c in cells {
                match c {
                    Cell::Null => b.append_null(),
                    Cell::Int(v) => b.append_value(*v),
                    c => return Err(mismatch(name, t, c)),
                }
            }
            Arc::new(b.finish())
        }
        DataType::Int32 => {
            let mut b = Int32Builder::with_capacity(rows.len());
            for c in cells {
                match c {
                    Cell::Null => b.append_null(),
                    Cell::Int(v) => b.append_value(i32::try_from(*v).map_err(|_| mismatch(name, t, c))?),
                    c => return Err(mismatch(name, t, c)),
                }
            }
            Arc::new(b.finish())
        }
        DataType::Float64 => {
            let mut b = Float64Builder::with_capacity(rows.len());
            for c in cells {
                match c {
                    Cell::Null => b.append_null(),
                    Cell::Float(v) => b.append_value(*v),
                    Cell::Int(v) => b.append_value(*v as f64),
                    c => return Err(mismatch(name, t, c)),
                }
            }
            Arc::new(b.finish())
        }
        DataType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(rows.len());
            for c in cells {
                match c {
                    Cell::Null => b.append_null(),
                    Cell::Bool(v) => b.append_value(*v),
                    c => return Err(mismatch(name, t, c)),
                }
            }
            Arc::new(b.finish())
        }
        _ => {
            let bytes = rows.iter().map(|r| if let Cell::Str(s) = &r[i].1 { s.len() } else { 0 }).sum();
            let mut b = StringBuilder::with_capacity(rows.len(), bytes);
            for c in cells {
                match c {
                    Cell::Null => b.append_null(),
                    Cell::Str(s) => b.append_value(s),
                    c => return Err(mismatch(name, t, c)),
                }
            }
            Arc::new(b.finish())
        }
    })
}

/// The records of `per_doc` (in order) as a record batch; `types` are `(field, type name)`.
pub fn batch(per_doc: &[Vec<Record>], types: &[(String, String)]) -> Result<RecordBatch, ArrowError> {
    let rows: Vec<&Record> = per_doc.iter().flatten().collect();
    let known = |name: &str| types.iter().find(|(n, _)| n == name).and_then(|(_, t)| data_type(t));
    let names: Vec<&str> = match rows.first() {
        Some(first) => first.iter().map(|(k, _)| *k).collect(),
        None => types.iter().map(|(n, _)| n.as_str()).collect(),
    };
    if let Some(bad) = rows.iter().find(|r| r.len() != names.len() || r.iter().zip(&names).any(|((k, _), n)| k != n)) {
        return Err(ArrowError::InvalidArgumentError(format!(
            "records of different shapes: {:?}",
            bad.iter().map(|(k, _)| k).collect::<Vec<_>>()
        )));
    }
    let mut fields = Vec::with_capacity(names.len());
    let mut columns = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let t = known(name).unwrap_or_else(|| inferred(&rows, i));
        columns.push(column(&rows, i, name, &t)?);
        fields.push(Field::new(*name, t, true));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

/// [`batch`] exported through the C data interface.
pub fn to_c(per_doc: &[Vec<Record>], types: &[(String, String)]) -> Result<(FFI_ArrowArray, FFI_ArrowSchema), ArrowError> {
    let batch = batch(per_doc, types)?;
    to_ffi(&StructArray::from(batch).to_data())
}

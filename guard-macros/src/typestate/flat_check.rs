//! The flat row's checks (part of validation): a column shared by several states must have one
//! type, and no column may take the tag's name. The column layout is read by the emitter too.

use super::parse::{Args, Module, State};
use crate::diagnostics::typestate::NAME_CLASH;
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE};
use quote::format_ident;
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::{Ident, Type};

/// One column of the flat row: a field of one or more states.
pub(crate) struct Column<'a> {
    /// The column's name: the state field's getter name (`payment_ref`, or `failed` for a tuple
    /// state `Failed(String)`).
    pub(crate) name: Ident,
    pub(crate) ty: &'a Type,
    /// The field's type is an `Option`: absent is `None`, so it is never missing.
    pub(crate) optional: bool,
}

/// A state's fields as the record names them (`payment_ref`, `field_0`) and their column.
pub(crate) struct StateColumns<'a, 'm> {
    pub(crate) state: &'m State<'a>,
    /// (record field name, column index)
    pub(crate) fields: Vec<(Ident, usize)>,
}

pub(crate) fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|segment| segment.ident == "Option"))
}

/// The columns, and each state's fields among them; the first clash of two states declaring one
/// name with different types keeps the first type (the clash is reported by `validate`).
pub(crate) fn columns<'a, 'm>(
    states: &'m [State<'a>],
) -> (Vec<Column<'a>>, Vec<StateColumns<'a, 'm>>) {
    let mut columns: Vec<Column<'a>> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_state = Vec::new();
    for state in states {
        let mut fields = Vec::new();
        for (position, accessor) in state.accessors().into_iter().enumerate() {
            let key = accessor.name.unraw().to_string();
            let index = *by_name.entry(key).or_insert_with(|| {
                columns.push(Column {
                    name: accessor.name.clone(),
                    ty: &accessor.field.ty,
                    optional: is_option(&accessor.field.ty),
                });
                columns.len() - 1
            });
            let record_name = accessor
                .field
                .ident
                .clone()
                .unwrap_or_else(|| format_ident!("field_{position}"));
            fields.push((record_name, index));
        }
        per_state.push(StateColumns { state, fields });
    }
    (columns, per_state)
}

/// The tag must be an identifier and name no field of the machine or of a state.
pub(crate) fn validate(args: &Args, module: &Module<'_>, errors: &mut Errors) {
    let Some(tag) = &args.flat else { return };
    let tag_text = tag.value();
    if syn::parse_str::<Ident>(&tag_text).is_err() {
        errors.push(MALFORMED_ATTRIBUTE.spanning(
            tag,
            format!("the tag {tag_text:?} is not a Rust identifier, so it cannot name the flat row's field"),
            "write a field name, such as `tag = \"state\"`",
        ));
        return;
    }
    let machine_names: Vec<String> = module
        .machine
        .fields
        .iter()
        .filter_map(|field| field.ident.as_ref().map(|ident| ident.unraw().to_string()))
        .collect();
    if machine_names.contains(&tag_text) {
        errors.push(NAME_CLASH.spanning(
            tag,
            format!("the tag `{tag_text}` is also a field of the machine, so the flat row would have it twice"),
            "name the tag after no field, such as `tag = \"status\"`",
        ));
    }
    // Two states giving one name two types, or a state field named like a machine field, are
    // already errors of their getters (G0111); only the tag is the row's own.
    for state in &module.states.states {
        for accessor in state.accessors() {
            if accessor.name.unraw() == tag_text {
                errors.push(NAME_CLASH.spanning(
                    &accessor.name,
                    format!(
                        "`{tag_text}` of state `{}` would be a second `{tag_text}` in the flat row, beside the tag",
                        state.ident
                    ),
                    "name the tag after no field, such as `tag = \"status\"`",
                ));
            }
        }
    }
}

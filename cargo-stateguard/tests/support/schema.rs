//! A JSON Schema validator for the keywords the record schema and the SARIF 2.1.0 schema use (draft-04
//! and draft-07). A keyword it does not know makes it panic, so a schema can never pass unchecked.
//! `pattern` and `format` are not checked (they would need a regex engine); the tests check the few
//! strings they constrain directly.

use serde_json::Value;

const ANNOTATIONS: [&str; 8] = [
    "$schema",
    "$id",
    "id",
    "title",
    "description",
    "default",
    "pattern",
    "format",
];

/// The problems `instance` has against `schema` (empty when it is valid), each with its JSON path.
pub(crate) fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, instance, "$", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("only local $ref: {reference}"));
    root.pointer(pointer)
        .unwrap_or_else(|| panic!("unresolved $ref {reference}"))
}

fn type_matches(name: &str, instance: &Value) -> bool {
    match name {
        "object" => instance.is_object(),
        "array" => instance.is_array(),
        "string" => instance.is_string(),
        "boolean" => instance.is_boolean(),
        "null" => instance.is_null(),
        "number" => instance.is_number(),
        "integer" => instance.as_i64().is_some() || instance.as_u64().is_some(),
        other => panic!("unknown type {other}"),
    }
}

fn check(root: &Value, schema: &Value, instance: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{path}: not allowed"));
        }
        return;
    };
    for (keyword, value) in schema {
        match keyword.as_str() {
            keyword if ANNOTATIONS.contains(&keyword) => {}
            "definitions" => {}
            "$ref" => check(
                root,
                resolve(root, value.as_str().unwrap()),
                instance,
                path,
                errors,
            ),
            "type" => {
                let names: Vec<&str> = match value {
                    Value::String(name) => vec![name],
                    Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                    _ => panic!("bad type keyword"),
                };
                if !names.iter().any(|name| type_matches(name, instance)) {
                    errors.push(format!("{path}: expected {names:?}, found {instance}"));
                }
            }
            "enum" => {
                if !value.as_array().unwrap().contains(instance) {
                    errors.push(format!("{path}: {instance} is not one of {value}"));
                }
            }
            "const" => {
                if value != instance {
                    errors.push(format!("{path}: {instance} is not {value}"));
                }
            }
            "properties" => {
                if let Some(object) = instance.as_object() {
                    for (name, property) in value.as_object().unwrap() {
                        if let Some(member) = object.get(name) {
                            check(root, property, member, &format!("{path}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = instance.as_object() {
                    let known = schema.get("properties").and_then(Value::as_object);
                    for (name, member) in object {
                        if known.is_some_and(|known| known.contains_key(name)) {
                            continue;
                        }
                        match value {
                            Value::Bool(false) => {
                                errors.push(format!("{path}: unexpected member `{name}`"))
                            }
                            Value::Bool(true) => {}
                            extra => check(root, extra, member, &format!("{path}.{name}"), errors),
                        }
                    }
                }
            }
            "required" => {
                if let Some(object) = instance.as_object() {
                    for name in value.as_array().unwrap().iter().filter_map(Value::as_str) {
                        if !object.contains_key(name) {
                            errors.push(format!("{path}: missing `{name}`"));
                        }
                    }
                }
            }
            "dependencies" => {
                if let Some(object) = instance.as_object() {
                    for (name, needed) in value.as_object().unwrap() {
                        if object.contains_key(name) {
                            for other in needed
                                .as_array()
                                .expect("array dependencies only")
                                .iter()
                                .filter_map(Value::as_str)
                            {
                                if !object.contains_key(other) {
                                    errors.push(format!("{path}: `{name}` needs `{other}`"));
                                }
                            }
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = instance.as_array() {
                    for (index, item) in items.iter().enumerate() {
                        check(root, value, item, &format!("{path}[{index}]"), errors);
                    }
                }
            }
            "minItems" => {
                if let Some(items) = instance.as_array()
                    && (items.len() as u64) < value.as_u64().unwrap()
                {
                    errors.push(format!("{path}: fewer than {value} items"));
                }
            }
            "maxItems" => {
                if let Some(items) = instance.as_array()
                    && (items.len() as u64) > value.as_u64().unwrap()
                {
                    errors.push(format!("{path}: more than {value} items"));
                }
            }
            "uniqueItems" => {
                if let Some(items) = instance.as_array()
                    && value == &Value::Bool(true)
                {
                    for (index, item) in items.iter().enumerate() {
                        if items[..index].contains(item) {
                            errors.push(format!("{path}[{index}]: duplicate item"));
                        }
                    }
                }
            }
            "minimum" => {
                if let Some(number) = instance.as_f64()
                    && number < value.as_f64().unwrap()
                {
                    errors.push(format!("{path}: {number} is below {value}"));
                }
            }
            "minLength" => {
                if let Some(text) = instance.as_str()
                    && (text.chars().count() as u64) < value.as_u64().unwrap()
                {
                    errors.push(format!("{path}: shorter than {value}"));
                }
            }
            "anyOf" | "oneOf" => {
                let passing = value
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|alternative| {
                        let mut inner = Vec::new();
                        check(root, alternative, instance, path, &mut inner);
                        inner.is_empty()
                    })
                    .count();
                let ok = if keyword == "anyOf" {
                    passing >= 1
                } else {
                    passing == 1
                };
                if !ok {
                    errors.push(format!("{path}: {passing} alternatives of {keyword} match"));
                }
            }
            "allOf" => {
                for alternative in value.as_array().unwrap() {
                    check(root, alternative, instance, path, errors);
                }
            }
            other => panic!("the validator does not know the keyword `{other}`"),
        }
    }
}

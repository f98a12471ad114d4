//! Every error code in `docs/errors.md` has at least one ui test whose `.stderr` shows it, and every
//! code a ui test shows is documented.
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn codes_in(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut codes = BTreeSet::new();
    for start in 0..bytes.len() {
        let rest = &bytes[start..];
        if rest.len() >= 7
            && rest[0] == b'['
            && rest[1] == b'G'
            && rest[2..6].iter().all(u8::is_ascii_digit)
            && rest[6] == b']'
        {
            codes.insert(String::from_utf8_lossy(&rest[1..6]).into_owned());
        }
    }
    codes
}

fn stderr_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("tests/ui is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            stderr_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "stderr")
        {
            out.push(path);
        }
    }
}

#[test]
fn every_documented_code_has_a_ui_test_and_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented =
        codes_in(&fs::read_to_string(root.join("../docs/errors.md")).expect("docs/errors.md"));
    let mut files = Vec::new();
    stderr_files(&root.join("ui"), &mut files);
    let mut tested = BTreeSet::new();
    for file in files {
        tested.extend(codes_in(&fs::read_to_string(file).expect("stderr file")));
    }
    // G0001 is the internal-error code: by construction no input reaches it.
    let untested: Vec<_> = documented
        .iter()
        .filter(|code| !tested.contains(*code) && *code != "G0001")
        .collect();
    let undocumented: Vec<_> = tested.difference(&documented).collect();
    assert!(
        untested.is_empty(),
        "documented codes without a ui test: {untested:?}"
    );
    assert!(
        undocumented.is_empty(),
        "codes in ui tests missing from docs/errors.md: {undocumented:?}"
    );
}

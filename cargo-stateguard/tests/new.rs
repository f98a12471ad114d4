//! `cargo stateguard new` as a user runs it: the exit status and what it prints.
use std::path::PathBuf;
use std::process::Command;

fn scratch(test: &str) -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("stateguard-new-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn new(arguments: &[&str], folder: &PathBuf) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
        .arg("stateguard")
        .arg("new")
        .args(arguments)
        .current_dir(folder)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn creates_a_service_and_says_how_to_run_it() {
    let folder = scratch("ok");
    let (status, stdout, _) = new(&["orders"], &folder);
    assert_eq!(status, Some(0));
    assert!(
        stdout.contains("Created the service `orders` in orders"),
        "{stdout}"
    );
    assert!(folder.join("orders/Cargo.toml").is_file());
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    let folder = scratch("bad");
    let (status, _, stderr) = new(&["my orders"], &folder);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("`my orders` cannot name a crate")
            && stderr.contains("cargo stateguard new my-orders"),
        "{stderr}"
    );
    std::fs::create_dir(folder.join("taken")).unwrap();
    std::fs::write(folder.join("taken/notes.txt"), "mine").unwrap();
    let (status, _, stderr) = new(&["taken"], &folder);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("already exists and is not empty"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(folder.join("taken")).unwrap().count(), 1);
    std::fs::remove_dir_all(folder).unwrap();
}

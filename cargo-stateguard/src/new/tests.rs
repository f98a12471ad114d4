use super::{NewError, create, name, template};
use std::fs;
use std::path::{Path, PathBuf};

/// A fresh, empty scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("stateguard-new-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).unwrap();
    folder
}

fn listing(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_embedded_list_is_the_template_folder() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("template");
    let on_disk: Vec<String> = listing(&folder)
        .into_iter()
        .filter(|path| {
            !path.starts_with("target/") && !path.ends_with(".db") && path != "Cargo.lock"
        })
        .collect();
    let mut embedded: Vec<String> = template::FILES
        .iter()
        .map(|file| {
            if file.path == "Cargo.toml" {
                "Cargo.toml.template".to_owned()
            } else {
                file.path.to_owned()
            }
        })
        .collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "add the file to FILES in src/new/template.rs"
    );
}

#[test]
fn writes_every_file_with_the_name_filled_in() {
    let root = scratch("writes");
    let destination = root.join("order-service");
    assert_eq!(create(&destination, None).unwrap(), "order-service");
    let written = listing(&destination);
    assert_eq!(written.len(), template::FILES.len());
    let manifest = fs::read_to_string(destination.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"order-service\""), "{manifest}");
    let main = fs::read_to_string(destination.join("src/main.rs")).unwrap();
    assert!(main.contains("use order_service::store::Sqlite;"), "{main}");
    for file in written {
        let text = fs::read_to_string(destination.join(&file)).unwrap();
        assert!(!text.contains("{{"), "{file} keeps a placeholder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(destination.join(".ci/run"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111);
    }
    // Nothing else is left beside it.
    assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn an_empty_existing_folder_is_filled() {
    let root = scratch("empty");
    let destination = root.join("orders");
    fs::create_dir(&destination).unwrap();
    create(&destination, None).unwrap();
    assert!(destination.join("Cargo.toml").is_file());
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_folder_with_files_is_refused_and_left_untouched() {
    let root = scratch("not-empty");
    let destination = root.join("orders");
    fs::create_dir(&destination).unwrap();
    fs::write(destination.join("Cargo.toml"), "mine").unwrap();
    let error = create(&destination, None).unwrap_err();
    assert!(matches!(error, NewError::NotEmpty(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("already exists and is not empty; nothing was written")
    );
    assert_eq!(
        fs::read_to_string(destination.join("Cargo.toml")).unwrap(),
        "mine"
    );
    assert_eq!(listing(&root), ["orders/Cargo.toml"]);
    let file = root.join("file");
    fs::write(&file, "x").unwrap();
    assert!(matches!(
        create(&file, Some("orders")),
        Err(NewError::NotAFolder(_))
    ));
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn invalid_names_say_why_and_suggest_one_that_works() {
    let root = scratch("names");
    for (bad, why, suggestion) in [
        ("my service", "' ' is not allowed", "my-service"),
        (
            "3d-printer",
            "cannot start with a digit",
            "service-3d-printer",
        ),
        ("fn", "is a Rust keyword", "fn-service"),
        ("test", "is reserved", "test-service"),
        ("Orders.API", "'.' is not allowed", "orders-api"),
        ("", "the name is empty", "service"),
        ("ünïcode", "'ü' is not allowed", "n-code"),
    ] {
        let error = create(&root.join("x"), Some(bad)).unwrap_err();
        let NewError::InvalidName {
            why: said,
            suggestion: suggested,
            ..
        } = &error
        else {
            panic!("{bad}: {error}");
        };
        assert!(said.contains(why), "{bad}: {said}");
        assert_eq!(suggested, suggestion, "{bad}");
        assert!(
            name::check(suggested).is_ok(),
            "the suggestion {suggested} is itself invalid"
        );
        assert!(
            error
                .to_string()
                .contains(&format!("cargo stateguard new {suggestion}"))
        );
    }
    let long = "a".repeat(65);
    assert!(create(&root.join("x"), Some(&long)).is_err());
    assert!(name::check(&name::suggest(&long)).is_ok());
    assert_eq!(listing(&root), Vec::<String>::new());
    fs::remove_dir_all(root).unwrap();
}

#[cfg(unix)]
#[test]
fn no_write_permission_is_a_clear_error_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let root = scratch("read-only");
    let locked = root.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permission bits; sysfs refuses new folders even to root.
    let parent = if fs::write(locked.join("probe"), "").is_err() {
        locked.clone()
    } else {
        PathBuf::from("/sys")
    };
    let error = create(&parent.join("orders"), None).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("cannot create a folder in"), "{text}");
    assert!(text.contains("get write permission"), "{text}");
    assert!(!parent.join("orders").exists());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let _ = fs::remove_file(locked.join("probe"));
    assert_eq!(listing(&root), Vec::<String>::new());
    fs::remove_dir_all(root).unwrap();
}

//! The service template, embedded: `template/` in this package is a link to the repository's
//! `templates/service/`, so the files are kept in one place and still packaged with the tool.

/// One file of the template.
pub(super) struct File {
    /// Where it goes in the new service.
    pub(super) path: &'static str,
    pub(super) contents: &'static str,
    pub(super) executable: bool,
}

macro_rules! files {
    ($($path:literal $(as $written:literal)? $(, executable = $executable:literal)?;)*) => {
        &[$(File {
            path: files!(@written $path $($written)?),
            contents: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/template/", $path)),
            executable: files!(@executable $($executable)?),
        }),*]
    };
    (@written $path:literal) => { $path };
    (@written $path:literal $written:literal) => { $written };
    (@executable) => { false };
    (@executable $executable:literal) => { $executable };
}

/// Every file of the template. A test compares this list with the folder.
pub(super) const FILES: &[File] = files! {
    // Stored under another name: a `Cargo.toml` would make the folder a package of its own,
    // which `cargo package` leaves out.
    "Cargo.toml.template" as "Cargo.toml";
    ".ci/run", executable = true;
    ".gitignore";
    "AGENTS.md";
    "README.md";
    "rustfmt.toml";
    "src/api.rs";
    "src/domain.rs";
    "src/lib.rs";
    "src/main.rs";
    "src/store.rs";
    "tests/http.rs";
};

/// The file with the crate's name filled in: `{{name}}` as given, `{{crate_name}}` as Rust code
/// names the crate (`-` as `_`).
pub(super) fn render(contents: &str, name: &str) -> String {
    contents
        .replace("{{name}}", name)
        .replace("{{crate_name}}", &name.replace('-', "_"))
}

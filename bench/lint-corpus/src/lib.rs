// Nothing to build: the manifest only brings the corpus in with `cargo fetch`.

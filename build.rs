//! Embeds every data file (`.toml`, `.tsv`) under `gazetteer/` into the binary, so that geokg runs with its default
//! gazetteer from anywhere, offline. The files are listed in sorted order so that builds are
//! reproducible.
use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml" || x == "tsv") {
            out.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer");
    println!("cargo:rerun-if-changed=gazetteer");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut code = String::from("/// Every `.toml` and `.tsv` file of the default gazetteer: (path relative to `gazetteer/`, contents).\npub static FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_gazetteer.rs");
    fs::write(out, code).expect("write embedded_gazetteer.rs");
}

fn main() {
    let mut sources = bro::source::SourceMap::new();
    let mut bad = 0;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let id = sources.add(path.clone(), text);
        let diags = bro::syntax::check_file(&sources, id);
        if !diags.is_empty() { bad += 1; }
        for d in diags { println!("{}", bro::diag::render_plain(&d, &sources)); }
    }
    println!("{bad} bad");
}

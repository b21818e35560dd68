# @args: --syntax-check --diagnostics=pretty
global timeout_len: = 5 secs;

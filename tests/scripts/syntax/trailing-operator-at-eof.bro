# @args: --syntax-check --diagnostics=pretty
global total = 1 +

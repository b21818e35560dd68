# @args: --syntax-check --diagnostics=pretty
else

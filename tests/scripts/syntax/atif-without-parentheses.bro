# @args: --syntax-check --diagnostics=pretty
@if T
global debug = T;
@endif

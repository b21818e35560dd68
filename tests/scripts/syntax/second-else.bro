# @args: --syntax-check --diagnostics=pretty
@if ( T )
global mode_a = "a";
@else
global mode_b = "b";
@else
global mode_c = "c";
@endif

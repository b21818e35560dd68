# @args: --builtins
# `bro --builtins` lists every built-in function with its signature; this
# script file is ignored. The golden output is the whole list, so adding a
# builtin means reading and blessing the new line.

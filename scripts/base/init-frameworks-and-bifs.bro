# Frameworks that lean on built-in functions and on types from
# init-bare.bro; loaded right after it, in bare mode too.
@load base/engine-types
@load base/frameworks/logging
@load base/frameworks/broker
@load base/frameworks/cluster
@load base/frameworks/input
@load base/frameworks/analyzer

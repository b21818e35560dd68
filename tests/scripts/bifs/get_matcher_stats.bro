# Built-in function get_matcher_stats with a signature file given by -s
# (found with .sig added): one matcher per pattern kind in each group of
# signatures that share header conditions.
# @args: -b -s get_matcher_stats

event bro_init()
	{
	local s = get_matcher_stats();
	print s$matchers, s$dfa_states;
	}

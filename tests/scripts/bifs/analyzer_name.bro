# The analyzer framework's Analyzer::name (built-in Analyzer::__name).

event bro_init()
	{
	print Analyzer::name(Analyzer::ANALYZER_HTTP);
	print Analyzer::name(Analyzer::ANALYZER_CONTENTS_DNS);
	print Analyzer::__name(Analyzer::ANALYZER_PIA_UDP);
	}

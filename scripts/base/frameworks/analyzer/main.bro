##! The analyzer framework's names for analyzer tags. (This interpreter
##! analyzes no traffic, so only the naming part is here.)

module Analyzer;

export {
	## The name of the analyzer a tag stands for, e.g. ``HTTP``.
	global name: function(atype: Analyzer::Tag) : string;
}

function name(atype: Analyzer::Tag) : string
	{
	return __name(atype);
	}

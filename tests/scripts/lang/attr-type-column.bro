# &type_column names the input-framework column holding a field's type;
# for the language it is metadata on the field.
type Item: record {
	kind: string;
	value: any &type_column = "kind";
};

event bro_init()
	{
	local i = Item($kind="count", $value=3);
	print i;
	}

# Records: create 200,000 small records (kept in a vector), then read and
# update their fields in a second pass.
type Item: record {
	id: count;
	name: string;
	hits: count &default = 0;
};

event bro_init()
	{
	local n = 200000;
	local items: vector of Item = vector();
	local i = 0;
	while ( i < n )
		{
		local r = Item($id = i, $name = "item");
		r$hits = i % 10;
		items[i] = r;
		i += 1;
		}
	local sum = 0;
	i = 0;
	while ( i < n )
		{
		local it = items[i];
		it$hits = it$hits + it$id % 3;
		sum += it$hits + |it$name|;
		i += 1;
		}
	print fmt("records = %d sum = %d last = %d", |items|, sum, items[n - 1]$hits);
	}

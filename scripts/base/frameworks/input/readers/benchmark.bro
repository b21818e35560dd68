##! Settings of the benchmark reader, which makes up rows.

module InputBenchmark;

export {
	## How much the number of rows grows with each heartbeat.
	const factor = 1.0 &redef;

	## How many rows more (or fewer) each heartbeat.
	const spread = 0 &redef;

	## Spread as a share of the rows.
	const autospread = 0.0 &redef;

	## Rows added each heartbeat.
	const addfactor = 0 &redef;

	## Stop spreading once this many rows are reached.
	const stopspreadat = 0 &redef;

	## Spread the rows over the heartbeat interval.
	const timedspread = 0.0 &redef;
}

##! Events as values: ``Broker::make_event`` builds one to publish later
##! with ``Broker::publish(topic, ev)``.

module Broker;

export {
	## Arguments of an event, each in Broker's data model.
	type DataVector: vector of Broker::Data;

	## An event and its arguments, as ``Broker::make_event`` makes it.
	type Event: record {
		## The event's name; unset if the event or its arguments were bad.
		name: string &optional;
		## The arguments.
		args: DataVector;
	};
}

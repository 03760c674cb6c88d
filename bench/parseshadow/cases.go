package main

// q is a query: name, value pairs.
func q(pairs ...string) []string { return pairs }

// The SDK-style requests: keys in the body of a text/plain POST, as the
// JavaScript SDK sends every request.
const (
	textPlain = "text/plain"
	sdkKeys   = `"_ApplicationId": "{{appId}}", "_ClientVersion": "js8.6.0", "_InstallationId": "2d1f8a36-6a53-4b52-9c4e-0f2f3b8f4a11"`
)

// cases are the requests sent, in order, to both servers. Later cases use
// what earlier ones made, by the names in Save. The data:
//
//	Player    p1 Ann (level 3), p2 Bob (level 5), p3 Cat (deleted in a batch)
//	GameScore g1 score 10, Ann, cheatMode false, when 2024-01-01, owner p1, tags [a b]
//	          g2 score 20, Bob, cheatMode true,  when 2024-02-01, owner p2, tags [b]
//	          g3 score 30, Cid, cheatMode false, when 2024-03-01, owner p1, tags []
//	          g4 score 40, Dee, cheatMode true,  no when,         owner p2, note null
//	          g5 score 25.5, Eve, no cheatMode,  when 2023-12-31, no owner
//
// Scores are distinct, so that a list ordered by score has one right
// order; lists are ordered explicitly wherever the order is not the point.
var cases = []request{
	// Create and get.
	{What: "create", Method: "POST", Path: "/classes/Player", Body: `{"name": "Ann", "level": 3}`, Save: "p1"},
	{What: "create", Method: "POST", Path: "/classes/Player", Body: `{"name": "Bob", "level": 5}`, Save: "p2"},
	{What: "create", Method: "POST", Path: "/classes/Player", Body: `{"name": "Cat", "level": 1}`, Save: "p3"},
	{What: "create with a Date, a Pointer, an array", Method: "POST", Path: "/classes/GameScore", Save: "g1",
		Body: `{"score": 10, "playerName": "Ann", "cheatMode": false, "when": {"__type": "Date", "iso": "2024-01-01T00:00:00.000Z"}, "owner": {"__type": "Pointer", "className": "Player", "objectId": "{{p1}}"}, "tags": ["a", "b"]}`},
	{What: "create", Method: "POST", Path: "/classes/GameScore", Save: "g2",
		Body: `{"score": 20, "playerName": "Bob", "cheatMode": true, "when": {"__type": "Date", "iso": "2024-02-01T00:00:00.000Z"}, "owner": {"__type": "Pointer", "className": "Player", "objectId": "{{p2}}"}, "tags": ["b"]}`},
	{What: "create with an empty array", Method: "POST", Path: "/classes/GameScore", Save: "g3",
		Body: `{"score": 30, "playerName": "Cid", "cheatMode": false, "when": {"__type": "Date", "iso": "2024-03-01T00:00:00.000Z"}, "owner": {"__type": "Pointer", "className": "Player", "objectId": "{{p1}}"}, "tags": []}`},
	{What: "create with a null field", Method: "POST", Path: "/classes/GameScore", Save: "g4",
		Body: `{"score": 40, "playerName": "Dee", "cheatMode": true, "owner": {"__type": "Pointer", "className": "Player", "objectId": "{{p2}}"}, "note": null}`},
	{What: "create with a fractional number", Method: "POST", Path: "/classes/GameScore", Save: "g5",
		Body: `{"score": 25.5, "playerName": "Eve", "when": {"__type": "Date", "iso": "2023-12-31T00:00:00.000Z"}}`},
	{What: "get", Method: "GET", Path: "/classes/GameScore/{{g1}}"},
	{What: "get with a null field", Method: "GET", Path: "/classes/GameScore/{{g4}}"},
	{What: "get", Method: "GET", Path: "/classes/Player/{{p1}}"},
	{What: "empty create body", Method: "POST", Path: "/classes/Empty", Body: `{}`, Save: "e1"},
	{What: "get an object made empty", Method: "GET", Path: "/classes/Empty/{{e1}}"},
	{What: "create with no body at all", Method: "POST", Path: "/classes/Empty", Type: "application/json"},

	// Lists: equality.
	{What: "list, default order", Method: "GET", Path: "/classes/Player"},
	{What: "where string =", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":"Ann"}`)},
	{What: "where number =", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":20}`)},
	{What: "where bool =", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"cheatMode":true}`, "order", "score")},
	{What: "where null = (null or missing)", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":null}`, "order", "score")},
	{What: "where null = on a field only ever null", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"note":null}`, "order", "score")},
	{What: "where array contains", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"tags":"b"}`, "order", "score")},
	{What: "where Pointer =", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"owner":{"__type":"Pointer","className":"Player","objectId":"{{p1}}"}}`, "order", "score")},
	{What: "where Date =", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"__type":"Date","iso":"2024-02-01T00:00:00.000Z"}}`)},
	{What: "where objectId =", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":"{{g2}}"}`)},
	{What: "where two fields", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"cheatMode":false,"playerName":"Cid"}`)},

	// Lists: operators on numbers.
	{What: "number $ne", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$ne":20}}`, "order", "score")},
	{What: "number $gt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$gt":20}}`, "order", "score")},
	{What: "number $gte", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$gte":25.5}}`, "order", "score")},
	{What: "number $lt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$lt":25.5}}`, "order", "score")},
	{What: "number $lte", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$lte":20}}`, "order", "score")},
	{What: "number range $gt $lt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$gt":10,"$lt":40}}`, "order", "score")},
	{What: "number $in", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$in":[10,30,99]}}`, "order", "score")},
	{What: "number $nin", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$nin":[10,30]}}`, "order", "score")},
	{What: "number $exists true", Method: "GET", Path: "/classes/Player", Query: q("where", `{"level":{"$exists":true}}`, "order", "level")},

	// Lists: operators on strings.
	{What: "string $ne", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$ne":"Ann"}}`, "order", "score")},
	{What: "string $gt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$gt":"Bob"}}`, "order", "score")},
	{What: "string $gte", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$gte":"Cid"}}`, "order", "score")},
	{What: "string $lt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$lt":"Cid"}}`, "order", "score")},
	{What: "string $lte", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$lte":"Cid"}}`, "order", "score")},
	{What: "string $in", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$in":["Ann","Eve","Zed"]}}`, "order", "score")},
	{What: "string $nin", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"playerName":{"$nin":["Ann","Eve"]}}`, "order", "score")},
	{What: "bool $ne (missing included?)", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"cheatMode":{"$ne":true}}`, "order", "score")},

	// Lists: operators on Dates.
	{What: "Date $ne (missing included?)", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$ne":{"__type":"Date","iso":"2024-02-01T00:00:00.000Z"}}}`, "order", "score")},
	{What: "Date $gt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$gt":{"__type":"Date","iso":"2024-01-15T00:00:00.000Z"}}}`, "order", "score")},
	{What: "Date $gte", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$gte":{"__type":"Date","iso":"2024-02-01T00:00:00.000Z"}}}`, "order", "score")},
	{What: "Date $lt", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$lt":{"__type":"Date","iso":"2024-02-01T00:00:00.000Z"}}}`, "order", "score")},
	{What: "Date $lte", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$lte":{"__type":"Date","iso":"2024-01-01T00:00:00.000Z"}}}`, "order", "score")},
	{What: "Date $in", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$in":[{"__type":"Date","iso":"2024-01-01T00:00:00.000Z"},{"__type":"Date","iso":"2024-03-01T00:00:00.000Z"}]}}`, "order", "score")},
	{What: "Date $nin", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$nin":[{"__type":"Date","iso":"2024-01-01T00:00:00.000Z"}]}}`, "order", "score")},
	{What: "Date $exists true", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$exists":true}}`, "order", "score")},
	{What: "Date $exists false", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"when":{"$exists":false}}`, "order", "score")},
	{What: "bool $exists false", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"cheatMode":{"$exists":false}}`, "order", "score")},

	// Lists: operators on objectId. The ids are random, so only bounds
	// that hold for any id ("0" is the least letter or digit)
	// and an object's own id give the same set on both servers.
	{What: "objectId $ne", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$ne":"{{g2}}"}}`, "order", "score")},
	{What: "objectId $in", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$in":["{{g1}}","{{g3}}"]}}`, "order", "score")},
	{What: "objectId $nin", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$nin":["{{g1}}","{{g3}}"]}}`, "order", "score")},
	{What: "objectId $exists", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$exists":true}}`, "order", "score")},
	{What: "objectId $gte \"0\" (all)", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$gte":"0"}}`, "order", "score")},
	{What: "objectId $lt \"0\" (none)", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$lt":"0"}}`)},
	{What: "objectId $gte and $lte its own id", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"objectId":{"$gte":"{{g2}}","$lte":"{{g2}}"}}`)},
	{What: "Pointer $ne", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"owner":{"$ne":{"__type":"Pointer","className":"Player","objectId":"{{p1}}"}}}`, "order", "score")},
	{What: "Pointer $in", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"owner":{"$in":[{"__type":"Pointer","className":"Player","objectId":"{{p2}}"}]}}`, "order", "score")},
	{What: "$or of equalities", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"$or":[{"score":10},{"playerName":"Dee"}]}`, "order", "score")},
	{What: "$or with operators, and a field", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"$or":[{"score":{"$gt":35}},{"cheatMode":false}],"playerName":{"$ne":"Cid"}}`, "order", "score")},

	// Order, limit, skip, count, keys, include.
	{What: "order -score", Method: "GET", Path: "/classes/GameScore", Query: q("order", "-score")},
	{What: "order by a string", Method: "GET", Path: "/classes/GameScore", Query: q("order", "playerName")},
	{What: "order -createdAt", Method: "GET", Path: "/classes/GameScore", Query: q("order", "-createdAt")},
	{What: "order on two fields (one missing on g5)", Method: "GET", Path: "/classes/GameScore", Query: q("order", "cheatMode,-score")},
	{What: "order by a Date (missing on g4)", Method: "GET", Path: "/classes/GameScore", Query: q("order", "-when")},
	{What: "order objectId", Method: "GET", Path: "/classes/GameScore", Query: q("order", "objectId"), IDOrder: "objectId"},
	{What: "order -objectId", Method: "GET", Path: "/classes/GameScore", Query: q("order", "-objectId"), IDOrder: "-objectId"},
	{What: "limit", Method: "GET", Path: "/classes/GameScore", Query: q("order", "score", "limit", "2")},
	{What: "skip and limit", Method: "GET", Path: "/classes/GameScore", Query: q("order", "score", "skip", "2", "limit", "2")},
	{What: "skip past the end", Method: "GET", Path: "/classes/GameScore", Query: q("order", "score", "skip", "10")},
	{What: "limit 0", Method: "GET", Path: "/classes/GameScore", Query: q("limit", "0")},
	{What: "count with limit 0", Method: "GET", Path: "/classes/GameScore", Query: q("count", "1", "limit", "0")},
	{What: "count with where and limit", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"cheatMode":true}`, "count", "1", "limit", "1", "order", "score")},
	{What: "keys", Method: "GET", Path: "/classes/GameScore", Query: q("keys", "score,playerName", "order", "score")},
	{What: "include a Pointer", Method: "GET", Path: "/classes/GameScore", Query: q("include", "owner", "order", "score")},
	{What: "keys with include", Method: "GET", Path: "/classes/GameScore", Query: q("keys", "owner,score", "include", "owner", "order", "score", "limit", "2")},
	{What: "get with keys", Method: "GET", Path: "/classes/GameScore/{{g1}}", Query: q("keys", "score")},
	{What: "get with include", Method: "GET", Path: "/classes/GameScore/{{g2}}", Query: q("include", "owner")},
	{What: "list a class never made", Method: "GET", Path: "/classes/NeverMade"},
	{What: "list with the master key", Method: "GET", Path: "/classes/Player", Query: q("order", "name"), Keys: masterKeys},
	{What: "create with the master key", Method: "POST", Path: "/classes/Player", Body: `{"name": "Dan", "level": 2}`, Keys: masterKeys, Save: "p4"},

	// Updates and operations.
	{What: "update", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"score": 11}`},
	{What: "Increment", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"score": {"__op": "Increment", "amount": 5}}`},
	{What: "Increment by a negative amount", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"score": {"__op": "Increment", "amount": -2}}`},
	{What: "Increment a missing field", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"plays": {"__op": "Increment", "amount": 1}}`},
	{What: "Add", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"tags": {"__op": "Add", "objects": ["c", "a"]}}`},
	{What: "AddUnique", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"tags": {"__op": "AddUnique", "objects": ["a", "d"]}}`},
	{What: "Remove", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"tags": {"__op": "Remove", "objects": ["a"]}}`},
	{What: "Delete a field", Method: "PUT", Path: "/classes/GameScore/{{g1}}", Body: `{"cheatMode": {"__op": "Delete"}}`},
	{What: "two operations and a set in one update", Method: "PUT", Path: "/classes/GameScore/{{g3}}", Body: `{"score": {"__op": "Increment", "amount": 1}, "tags": {"__op": "AddUnique", "objects": ["x"]}, "playerName": "Cyd"}`},
	{What: "get after the operations", Method: "GET", Path: "/classes/GameScore/{{g1}}"},

	// Operations one server may refuse and the other apply, on an object
	// of their own, so that what one applies shows in no later list.
	{What: "create", Method: "POST", Path: "/classes/Counter", Body: `{"n": 1, "label": "c", "tags": ["a"]}`, Save: "c1"},
	{What: "Delete a field never set", Method: "PUT", Path: "/classes/Counter/{{c1}}", Body: `{"nothing": {"__op": "Delete"}}`},
	{What: "Increment a string field", Method: "PUT", Path: "/classes/Counter/{{c1}}", Body: `{"label": {"__op": "Increment", "amount": 1}}`},
	{What: "Increment by a string", Method: "PUT", Path: "/classes/Counter/{{c1}}", Body: `{"n": {"__op": "Increment", "amount": "1"}}`},
	{What: "Add objects not an array", Method: "PUT", Path: "/classes/Counter/{{c1}}", Body: `{"tags": {"__op": "Add", "objects": "x"}}`},
	{What: "unknown __op", Method: "PUT", Path: "/classes/Counter/{{c1}}", Body: `{"n": {"__op": "Multiply", "amount": 2}}`},
	{What: "Increment without an amount", Method: "PUT", Path: "/classes/Counter/{{c1}}", Body: `{"n": {"__op": "Increment"}}`},
	{What: "get after those", Method: "GET", Path: "/classes/Counter/{{c1}}"},

	{What: "set a field to null", Method: "PUT", Path: "/classes/GameScore/{{g2}}", Body: `{"playerName": null}`},
	{What: "get after setting null", Method: "GET", Path: "/classes/GameScore/{{g2}}"},
	{What: "the list after the updates", Method: "GET", Path: "/classes/GameScore", Query: q("order", "score")},

	// Delete.
	{What: "delete", Method: "DELETE", Path: "/classes/GameScore/{{g5}}"},
	{What: "get a deleted object", Method: "GET", Path: "/classes/GameScore/{{g5}}"},
	{What: "delete twice", Method: "DELETE", Path: "/classes/GameScore/{{g5}}"},
	{What: "update a deleted object", Method: "PUT", Path: "/classes/GameScore/{{g5}}", Body: `{"score": 1}`},
	{What: "count after the delete", Method: "GET", Path: "/classes/GameScore", Query: q("count", "1", "limit", "0")},

	// Batch.
	{What: "batch: create, update, delete, get", Method: "POST", Path: "/batch", Save: "b1", SaveAt: "0.success.objectId",
		Body: `{"requests": [
			{"method": "POST", "path": "{{prefix}}/classes/GameScore", "body": {"score": 60, "playerName": "Gus"}},
			{"method": "PUT", "path": "{{prefix}}/classes/GameScore/{{g2}}", "body": {"score": 21}},
			{"method": "DELETE", "path": "{{prefix}}/classes/Player/{{p3}}"},
			{"method": "GET", "path": "{{prefix}}/classes/Player/{{p1}}"}]}`},
	{What: "get an object a batch made", Method: "GET", Path: "/classes/GameScore/{{b1}}"},
	{What: "batch with a failing request", Method: "POST", Path: "/batch",
		Body: `{"requests": [
			{"method": "PUT", "path": "{{prefix}}/classes/GameScore/{{b1}}", "body": {"score": {"__op": "Increment", "amount": 1}}},
			{"method": "PUT", "path": "{{prefix}}/classes/GameScore/nosuchid01", "body": {"score": 1}}]}`},
	{What: "batch path without the prefix", Method: "POST", Path: "/batch",
		Body: `{"requests": [{"method": "POST", "path": "/classes/GameScore", "body": {"score": 61}}]}`},
	{What: "batch in a transaction", Method: "POST", Path: "/batch", Save: "t1", SaveAt: "0.success.objectId",
		Body: `{"transaction": true, "requests": [
			{"method": "POST", "path": "{{prefix}}/classes/GameScore", "body": {"score": 75, "playerName": "Hal"}},
			{"method": "PUT", "path": "{{prefix}}/classes/GameScore/{{b1}}", "body": {"score": {"__op": "Increment", "amount": 5}}}]}`},
	{What: "get an object a transaction made", Method: "GET", Path: "/classes/GameScore/{{t1}}"},
	{What: "batch in a transaction with a failing request", Method: "POST", Path: "/batch",
		Body: `{"transaction": true, "requests": [
			{"method": "POST", "path": "{{prefix}}/classes/GameScore", "body": {"score": 76, "playerName": "Ivy"}},
			{"method": "PUT", "path": "{{prefix}}/classes/GameScore/{{b1}}", "body": {"score": {"__op": "Increment", "amount": 100}}},
			{"method": "PUT", "path": "{{prefix}}/classes/GameScore/nosuchid01", "body": {"score": 1}}]}`},
	{What: "nothing of the failed transaction stayed", Method: "GET", Path: "/classes/GameScore",
		Query: q("where", `{"playerName": {"$in": ["Hal", "Ivy"]}}`, "keys", "playerName,score")},
	{What: "the increment of the failed transaction did not stay", Method: "GET", Path: "/classes/GameScore/{{b1}}"},
	{What: "batch of no requests", Method: "POST", Path: "/batch", Body: `{"requests": []}`},
	{What: "batch requests not an array", Method: "POST", Path: "/batch", Body: `{"requests": "all"}`},

	// Analytics events.
	{What: "event with dimensions", Method: "POST", Path: "/events/AppOpened", Body: `{"dimensions": {"source": "web", "kind": "cold"}}`},
	{What: "event without dimensions", Method: "POST", Path: "/events/AppOpened", Body: `{}`},
	{What: "event with a time", Method: "POST", Path: "/events/Purchase", Body: `{"dimensions": {"amount": "12"}, "at": {"__type": "Date", "iso": "2024-05-01T00:00:00.000Z"}}`},
	{What: "event with a number dimension", Method: "POST", Path: "/events/AppOpened", Body: `{"dimensions": {"n": 1}}`},
	{What: "event with dimensions not an object", Method: "POST", Path: "/events/AppOpened", Body: `{"dimensions": "web"}`},

	// The JavaScript SDK's way: a text/plain POST with the keys, and any
	// other method, in the body.
	{What: "SDK create", Method: "POST", Path: "/classes/GameScore", Type: textPlain, Keys: noKeys, Save: "s1",
		Body: `{"score": 70, "playerName": "Sdk", ` + sdkKeys + `}`},
	{What: "SDK get (_method GET)", Method: "POST", Path: "/classes/GameScore/{{s1}}", Type: textPlain, Keys: noKeys,
		Body: `{"_method": "GET", ` + sdkKeys + `}`},
	{What: "SDK query", Method: "POST", Path: "/classes/GameScore", Type: textPlain, Keys: noKeys,
		Body: `{"_method": "GET", "where": {"score": {"$gte": 40}}, "order": "-score", "limit": 10, ` + sdkKeys + `}`},
	{What: "SDK count", Method: "POST", Path: "/classes/GameScore", Type: textPlain, Keys: noKeys,
		Body: `{"_method": "GET", "where": {}, "count": 1, "limit": 0, ` + sdkKeys + `}`},
	{What: "SDK update (_method PUT)", Method: "POST", Path: "/classes/GameScore/{{s1}}", Type: textPlain, Keys: noKeys,
		Body: `{"_method": "PUT", "score": {"__op": "Increment", "amount": 1}, ` + sdkKeys + `}`},
	{What: "SDK batch", Method: "POST", Path: "/batch", Type: textPlain, Keys: noKeys,
		Body: `{"requests": [{"method": "PUT", "path": "{{prefix}}/classes/GameScore/{{s1}}", "body": {"playerName": "Sdk2"}}], ` + sdkKeys + `}`},
	{What: "SDK delete (_method DELETE)", Method: "POST", Path: "/classes/GameScore/{{s1}}", Type: textPlain, Keys: noKeys,
		Body: `{"_method": "DELETE", ` + sdkKeys + `}`},
	{What: "SDK with the master key in the body", Method: "POST", Path: "/classes/Player", Type: textPlain, Keys: noKeys,
		Body: `{"_method": "GET", "order": "name", "limit": 1, "_ApplicationId": "{{appId}}", "_MasterKey": "{{masterKey}}"}`},
	{What: "SDK with a wrong application id", Method: "POST", Path: "/classes/GameScore", Type: textPlain, Keys: noKeys,
		Body: `{"score": 1, "_ApplicationId": "wrong"}`},

	// Bad input.
	{What: "malformed JSON", Method: "POST", Path: "/classes/GameScore", Body: `{"score": 1,`},
	{What: "body an array", Method: "POST", Path: "/classes/GameScore", Body: `[1, 2]`},
	{What: "body a string", Method: "POST", Path: "/classes/GameScore", Body: `"score"`},
	{What: "invalid class name", Method: "POST", Path: "/classes/1Bad", Body: `{"a": 1}`},
	{What: "invalid class name in a list", Method: "GET", Path: "/classes/Bad-Name"},
	{What: "invalid field name", Method: "POST", Path: "/classes/GameScore", Body: `{"1score": 1}`},
	{What: "invalid field name with a dash", Method: "POST", Path: "/classes/GameScore", Body: `{"bad-name": 1}`},
	{What: "objectId in a create body", Method: "POST", Path: "/classes/GameScore", Body: `{"objectId": "abcdefghij", "score": 1}`},
	{What: "createdAt in an update body", Method: "PUT", Path: "/classes/GameScore/{{g3}}", Body: `{"createdAt": "2020-01-01T00:00:00.000Z"}`},
	{What: "missing object", Method: "GET", Path: "/classes/GameScore/nosuchid01"},
	{What: "missing object in a class never made", Method: "GET", Path: "/classes/NeverMade/nosuchid01"},
	{What: "delete a missing object", Method: "DELETE", Path: "/classes/GameScore/nosuchid01"},
	{What: "where not JSON", Method: "GET", Path: "/classes/GameScore", Query: q("where", `score=1`)},
	{What: "where an array", Method: "GET", Path: "/classes/GameScore", Query: q("where", `[1]`)},
	{What: "unknown operator", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$foo":1}}`)},
	{What: "$in not an array", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":{"$in":10}}`)},
	{What: "bad field name in where", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"bad-name":1}`)},
	{What: "limit not a number", Method: "GET", Path: "/classes/GameScore", Query: q("limit", "abc")},
	{What: "negative skip", Method: "GET", Path: "/classes/GameScore", Query: q("skip", "-1")},
	{What: "order by a bad field name", Method: "GET", Path: "/classes/GameScore", Query: q("order", "bad-name")},
	{What: "unknown query parameter", Method: "GET", Path: "/classes/GameScore", Query: q("colour", "red", "limit", "1", "order", "score")},
	{What: "no application id", Method: "GET", Path: "/classes/GameScore", Keys: noKeys},
	{What: "no application id, a write", Method: "POST", Path: "/classes/GameScore", Body: `{"score": 1}`, Keys: noKeys},
	{What: "wrong application id", Method: "GET", Path: "/classes/GameScore", Keys: wrongApp},
	{What: "wrong master key", Method: "GET", Path: "/classes/Player", Query: q("order", "name", "limit", "1"), Keys: wrongMaster},
	{What: "wrong method on an object", Method: "PATCH", Path: "/classes/GameScore/{{g1}}", Body: `{"score": 1}`},
	{What: "wrong method on a class", Method: "DELETE", Path: "/classes/GameScore"},
	{What: "PUT on a class", Method: "PUT", Path: "/classes/GameScore", Body: `{"score": 1}`},
	{What: "GET on batch", Method: "GET", Path: "/batch"},
	{What: "unknown route", Method: "GET", Path: "/nosuchroute"},

	// A field keeps its type. Last, because a server that does not
	// refuse these changes the data that earlier cases list.
	{What: "string where a number was (111)", Method: "PUT", Path: "/classes/GameScore/{{g2}}", Body: `{"score": "high"}`},
	{What: "create with a string where a number was (111)", Method: "POST", Path: "/classes/GameScore", Body: `{"score": "ten"}`},
	{What: "create with a string where a Date was (111)", Method: "POST", Path: "/classes/GameScore", Body: `{"when": "2024-01-01"}`},
	{What: "create with a number where an array was (111)", Method: "POST", Path: "/classes/GameScore", Body: `{"tags": 3}`},
	{What: "create with a Pointer to another class (111)", Method: "POST", Path: "/classes/GameScore", Body: `{"owner": {"__type": "Pointer", "className": "Empty", "objectId": "{{e1}}"}}`},
	{What: "where with a value of another type", Method: "GET", Path: "/classes/GameScore", Query: q("where", `{"score":"10"}`)},
}

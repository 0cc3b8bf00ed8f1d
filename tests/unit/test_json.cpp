// core/json.hpp: the JSON printer behind `mentorsim schema --format json-schema`. Members keep the
// order they were set in, a key set again keeps its place, strings are escaped, numbers print as
// given, and short arrays of scalars stay on one line.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "core/json.hpp"

using mentorsim::json::Value;

TEST_CASE("a JSON object prints its members in the order they were set", "[core][json]") {
  Value v = Value::object();
  v.set("z", "last first").set("a", std::int64_t{3}).set("m", true).set("z", "replaced");
  v.set("n", Value());
  CHECK(v.dump() ==
        "{\n"
        "  \"z\": \"replaced\",\n"
        "  \"a\": 3,\n"
        "  \"m\": true,\n"
        "  \"n\": null\n"
        "}");
}

TEST_CASE("JSON strings are escaped and literals print as given", "[core][json]") {
  Value v = Value::array();
  v.push("a \"quote\"\\ and\nline").push(Value::literal("1e-05")).push(Value::literal("0.5"));
  CHECK(v.dump() == "[\"a \\\"quote\\\"\\\\ and\\nline\", 1e-05, 0.5]");
}

TEST_CASE("JSON arrays of objects or of many items print one item a line", "[core][json]") {
  Value objects = Value::array();
  objects.push(Value::object().set("k", std::int64_t{1})).push(Value::object());
  CHECK(objects.dump(1) == "[\n {\n  \"k\": 1\n },\n {}\n]");
  Value many = Value::array();
  for (int i = 0; i < 9; ++i) many.push(std::int64_t{i});
  CHECK(many.dump(0) == "[\n0,\n1,\n2,\n3,\n4,\n5,\n6,\n7,\n8\n]");
  CHECK(Value::strings({"a", "b"}).dump() == "[\"a\", \"b\"]");
  CHECK(Value::object().dump() == "{}");
  CHECK(Value::array().dump() == "[]");
}

TEST_CASE("setting a key on an array or pushing onto an object is a programming error",
          "[core][json]") {
  Value array = Value::array();
  Value object = Value::object();
  CHECK_THROWS_AS(array.set("k", true), std::logic_error);
  CHECK_THROWS_AS(object.push(true), std::logic_error);
}

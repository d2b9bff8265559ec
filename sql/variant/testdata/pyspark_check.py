"""Checks VARIANT values through the PySpark Spark Connect client: collect() gives
pyspark.sql.types.VariantVal with the bytes of Spark's encoding, show() prints JSON, and the
variant functions answer as Spark does.

    ../shared/tools/pyspark-rig/run sql/variant/testdata/pyspark_check.py sc://127.0.0.1:PORT

Start the server first (sail spark server --port PORT). Exits 1 when a check fails.
"""
import contextlib
import io
import sys
from decimal import Decimal

from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import VariantType, VariantVal

failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


spark = SparkSession.builder.remote(sys.argv[1] if len(sys.argv) > 1 else "sc://127.0.0.1:50051").getOrCreate()

df = spark.sql("""select parse_json('{"a":1}') v""")
check("schema", df.schema["v"].dataType, VariantType())
v = df.collect()[0].v
check("collect type", type(v), VariantVal)
# {"a":1}: an object of one field (id 0, offset 0) holding INT1 1; the dictionary ["a"].
check("value bytes", v.value, bytes([0x02, 0x01, 0x00, 0x00, 0x02, 0x0C, 0x01]))
check("metadata bytes", v.metadata, bytes([0x01, 0x01, 0x00, 0x01]) + b"a")
check("toJson", v.toJson(), '{"a":1}')
check("toPython", v.toPython(), {"a": 1})

row = spark.sql(
    """select parse_json('{"b": [1, 2.5, "x", null], "a": {"c": true}}') v,
              array(parse_json('1'), parse_json('"s"')) arr,
              named_struct('k', parse_json('[]')) st"""
).collect()[0]
check("nested toPython", row.v.toPython(), {"a": {"c": True}, "b": [1, Decimal("2.5"), "x", None]})
check("array of variants", [x.toJson() for x in row.arr], ["1", '"s"'])
check("struct of variants", row.st.k.toJson(), "[]")

out = io.StringIO()
with contextlib.redirect_stdout(out):
    spark.sql("""select parse_json('{"b":2,"a":[true,null]}') v""").show(truncate=False)
check("show", out.getvalue().splitlines()[3], '|{"a":[true,null],"b":2}|')

r = (
    spark.sql("""select parse_json('{"a": {"b": [10, "x"]}}') v""")
    .select(
        F.variant_get("v", "$.a.b[0]", "int").alias("i"),
        F.try_variant_get("v", "$.a.b[1]", "int").alias("t"),
        F.schema_of_variant("v").alias("s"),
        F.to_json("v").alias("j"),
    )
    .collect()[0]
)
check("variant_get", (r.i, r.t, r.s, r.j), (10, None, "OBJECT<a: OBJECT<b: ARRAY<VARIANT>>>", '{"a":{"b":[10,"x"]}}'))

try:
    spark.sql("""select variant_get(parse_json('"x"'), '$', 'int')""").collect()
    failures.append("variant_get of a string as INT did not fail")
except Exception as e:  # noqa: BLE001
    check("INVALID_VARIANT_CAST", "INVALID_VARIANT_CAST" in str(e), True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok")

package coercion

import (
	"errors"
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func TestCollationMergeRules(t *testing.T) {
	lcase := types.StringType{Collation: "UTF8_LCASE"}
	unicode := types.StringType{Collation: "UNICODE"}
	cases := []struct {
		name     string
		l, r     *Context
		want     types.DataType
		strength Strength
		mismatch bool
	}{
		{"explicit beats implicit", ContextOf(lcase, Explicit), ContextOf(unicode, Implicit), lcase, Explicit, false},
		{"implicit beats default", ContextOf(types.String, Default), ContextOf(lcase, Implicit), lcase, Implicit, false},
		{"default loses to implicit default collation", ContextOf(lcase, Default), ContextOf(types.String, Implicit), types.String, Implicit, false},
		{"same implicit", ContextOf(lcase, Implicit), ContextOf(lcase, Implicit), lcase, Implicit, false},
		{"different implicit", ContextOf(types.String, Implicit), ContextOf(lcase, Implicit), types.IndeterminateString, Indeterminate, false},
		{"explicit beats indeterminate", ContextOf(types.IndeterminateString, Indeterminate), ContextOf(unicode, Explicit), unicode, Explicit, false},
		{"different explicit", ContextOf(types.String, Explicit), ContextOf(lcase, Explicit), nil, Explicit, true},
	}
	for _, c := range cases {
		m, ok, err := MergeContext(c.l, c.r)
		if c.mismatch {
			var em *ExplicitCollationMismatch
			if !errors.As(err, &em) || len(em.Types) != 2 {
				t.Errorf("%s: got %v, want an explicit mismatch", c.name, err)
			}
			continue
		}
		if err != nil || !ok {
			t.Errorf("%s: %v %v", c.name, ok, err)
			continue
		}
		if !types.Equal(m.Type(), c.want) || m.strength != c.strength {
			t.Errorf("%s: got %s/%d, want %s/%d", c.name, m.Type(), m.strength, c.want, c.strength)
		}
	}
}

func TestApplyCollationStructurally(t *testing.T) {
	lcase := types.StringType{Collation: "UTF8_LCASE"}
	arr := types.ArrayType{ElementType: types.String, ContainsNull: true}
	// An array meets a string as its element type.
	got, ok := ApplyCollation(arr, ContextOf(lcase, Explicit))
	if want := (types.ArrayType{ElementType: lcase, ContainsNull: true}); !ok || !types.Equal(got, want) {
		t.Errorf("array: got %v, want %v", got, want)
	}
	m := types.MapType{KeyType: types.String, ValueType: types.Integer, ValueContainsNull: true}
	got, ok = ApplyCollation(m, ContextOf(types.MapType{KeyType: lcase, ValueType: types.Integer}, Implicit))
	if want := (types.MapType{KeyType: lcase, ValueType: types.Integer, ValueContainsNull: true}); !ok || !types.Equal(got, want) {
		t.Errorf("map: got %v, want %v", got, want)
	}
	if _, ok := ApplyCollation(types.Integer, ContextOf(lcase, Explicit)); ok {
		t.Errorf("int takes no collation")
	}
	if !HasCollatedString(types.ArrayType{ElementType: lcase}) || HasCollatedString(arr) {
		t.Errorf("HasCollatedString")
	}
	if !HasIndeterminateCollation(types.NewStruct(types.NewField("a", types.IndeterminateString, true))) {
		t.Errorf("HasIndeterminateCollation")
	}
}

func TestContextStrength(t *testing.T) {
	lcase := types.StringType{Collation: "UTF8_LCASE"}
	st := types.NewStruct(types.NewField("n", types.Integer, true), types.NewField("s", lcase, true))
	if s, ok := ContextOf(st, Implicit).Strength(); !ok || s != Implicit {
		t.Errorf("struct: %v %v", s, ok)
	}
	if _, ok := ContextOf(types.Integer, Explicit).Strength(); ok {
		t.Errorf("int has no strength")
	}
	if _, ok := PlainContext(lcase).Strength(); ok {
		t.Errorf("a plain context has no strength")
	}
}

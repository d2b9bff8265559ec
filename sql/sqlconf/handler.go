package sqlconf

// This file follows Spark Connect's SparkConnectConfigHandler: one method per
// ConfigRequest operation, taking the request's keys or pairs and returning the response's
// pairs and warnings. Keys are handled in request order; a failure ends the request with
// that error (the RPC fails) while what earlier keys did stays done, as in Spark.

// Pair is a key with an optional value, as the protocol's KeyValue.
type Pair struct {
	Key   string
	Value *string // nil when the KeyValue has no value
}

// Response is the content of a ConfigResponse besides the session ids.
type Response struct {
	Pairs    []Pair
	Warnings []string
}

func (r *Response) add(reg *Registry, key string, value *string) {
	r.Pairs = append(r.Pairs, Pair{Key: key, Value: value})
	r.warn(reg, key)
}

func (r *Response) warn(reg *Registry, key string) {
	if w, ok := reg.Warning(key); ok {
		r.Warnings = append(r.Warnings, w)
	}
}

func strPtr(s string) *string { return &s }

// HandleSet sets each pair. With silent, a failing pair adds the warning "Failed to set
// <key> to <Some(value)|None> due to <message>" and the others go on; without it the first
// failure is returned. A pair without a value fails as Spark's null value does. Pairs set
// successfully carry their key's warning. The response has no pairs.
func (c *Conf) HandleSet(pairs []Pair, silent bool) (Response, error) {
	var resp Response
	for _, p := range pairs {
		var err error
		if p.Value == nil {
			err = c.setNull(p.Key)
		} else {
			err = c.Set(p.Key, *p.Value)
		}
		if err != nil {
			if !silent {
				return Response{}, err
			}
			resp.Warnings = append(resp.Warnings,
				"Failed to set "+p.Key+" to "+formatOption(p.Value)+" due to "+err.Error())
			continue
		}
		resp.warn(c.reg, p.Key)
	}
	return resp, nil
}

// setNull is Set with Spark's null value: the static and core checks run first, then
// SQLConf rejects the null.
func (c *Conf) setNull(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.requireNonStaticLocked(key); err != nil {
		return err
	}
	return NullValueError(key)
}

// HandleGet answers each key with Get; a key whose value is null is answered without a
// value. The first failing key (SQL_CONF_NOT_FOUND for an unknown unset key) fails the
// request.
func (c *Conf) HandleGet(keys []string) (Response, error) {
	var resp Response
	for _, k := range keys {
		v, ok, err := c.GetNullable(k)
		if err != nil {
			return Response{}, err
		}
		var val *string
		if ok {
			val = strPtr(v)
		}
		resp.add(c.reg, k, val)
	}
	return resp, nil
}

// HandleGetWithDefault answers each pair with GetWithDefault, the pair's value being the
// default (a pair without a value is a null default, answered without a value while the key
// is unset).
func (c *Conf) HandleGetWithDefault(pairs []Pair) (Response, error) {
	var resp Response
	for _, p := range pairs {
		v, ok, err := c.getWithDefault(p.Key, p.Value)
		if err != nil {
			return Response{}, err
		}
		var val *string
		if ok {
			val = strPtr(v)
		}
		resp.add(c.reg, p.Key, val)
	}
	return resp, nil
}

// HandleGetOption answers each key with GetOption, without a value where it has none.
func (c *Conf) HandleGetOption(keys []string) (Response, error) {
	var resp Response
	for _, k := range keys {
		v, ok, err := c.GetOption(k)
		if err != nil {
			return Response{}, err
		}
		var val *string
		if ok {
			val = strPtr(v)
		}
		resp.add(c.reg, k, val)
	}
	return resp, nil
}

// HandleGetAll lists the session's set values; with a prefix (non-nil, possibly empty) only
// keys starting with it, with the prefix cut off. Warnings are looked up by the listed
// (cut) key, as Spark does.
func (c *Conf) HandleGetAll(prefix *string) Response {
	p := ""
	if prefix != nil {
		p = *prefix
	}
	var resp Response
	for _, kv := range c.GetAll(p) {
		resp.add(c.reg, kv.Key, strPtr(kv.Value))
	}
	return resp
}

// HandleUnset unsets each key; the response has no pairs.
func (c *Conf) HandleUnset(keys []string) (Response, error) {
	var resp Response
	for _, k := range keys {
		if err := c.Unset(k); err != nil {
			return Response{}, err
		}
		resp.warn(c.reg, k)
	}
	return resp, nil
}

// HandleIsModifiable answers each key with "true" or "false".
func (c *Conf) HandleIsModifiable(keys []string) Response {
	var resp Response
	for _, k := range keys {
		v := "false"
		if c.IsModifiable(k) {
			v = "true"
		}
		resp.add(c.reg, k, strPtr(v))
	}
	return resp
}

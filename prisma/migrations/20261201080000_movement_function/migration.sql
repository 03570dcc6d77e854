-- Stock movements in one round trip: a function that claims the Idempotency-Key,
-- applies one or more movements (ledger row + conditional stock change each) and
-- stores the answer, all inside the caller's single statement. And a notification
-- whenever a user or their plants change, so that servers caching signed-in users
-- drop the stale entry at once.

-- volta_apply_movements(user, plants, key, hash, items, batch) → jsonb
--   p_plant_ids  the caller's plants; NULL = every plant
--   p_key        the Idempotency-Key (NULL: no idempotency, refusals are raised)
--   p_hash       the request hash stored with the key
--   p_items      jsonb array of {kind, plantId, partId, quantity?, toPlantId?, countedQuantity?, reason?}
--   p_batch      the answer body is {"results": [...]} (true) or the one result (false)
-- Returns {"status": int, "body": jsonb, "replayed": bool}.
-- Refusals are raised with SQLSTATE VM403 (plant outside the scope), VM404 (no such
-- plant or part) and VM409 (not enough stock), DETAIL a JSON object. With a key, VM403
-- and VM409 become stored answers (the whole set of movements rolled back, the key kept);
-- anything else aborts the statement, the key included.

CREATE FUNCTION volta_movement_refusal(p_plant_id integer, p_part_id integer, p_wanted integer, p_index integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_on_hand integer;
  v_where text := CASE WHEN p_index IS NULL THEN '' ELSE format('Movement %s: ', p_index + 1) END;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM plants WHERE plant_id = p_plant_id) THEN
    RAISE EXCEPTION USING ERRCODE = 'VM404', MESSAGE = format('%sThere is no plant %s.', v_where, p_plant_id),
      DETAIL = jsonb_build_object('index', p_index)::text;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM parts WHERE part_id = p_part_id) THEN
    RAISE EXCEPTION USING ERRCODE = 'VM404', MESSAGE = format('%sThere is no part %s.', v_where, p_part_id),
      DETAIL = jsonb_build_object('index', p_index)::text;
  END IF;
  SELECT quantity INTO v_on_hand FROM inventory WHERE plant_id = p_plant_id AND part_id = p_part_id;
  v_on_hand := COALESCE(v_on_hand, 0);
  RAISE EXCEPTION USING ERRCODE = 'VM409',
    MESSAGE = format('%sNot enough stock: plant %s has %s of part %s on hand, %s requested. Stock cannot go negative.',
                     v_where, p_plant_id, v_on_hand, p_part_id, p_wanted),
    DETAIL = jsonb_strip_nulls(jsonb_build_object('plantId', p_plant_id, 'partId', p_part_id, 'onHand', v_on_hand,
                                                  'requested', p_wanted, 'index', p_index))::text;
END $$;

-- Applies the items in order inside the caller's transaction; returns the array of results.
CREATE FUNCTION volta_apply_movement_items(p_user_id integer, p_plant_ids integer[], p_key text, p_items jsonb, p_batch boolean)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
  v_index integer := 0;
  v_kind text;
  v_plant integer;
  v_to integer;
  v_part integer;
  v_qty integer;
  v_delta integer;
  v_current integer;
  v_new integer;
  v_id bigint;
  v_id2 bigint;
  v_new2 integer;
  v_transfer uuid;
  v_reason text;
  v_outside integer[];
  v_results jsonb[] := '{}'; -- appended in place: a jsonb array would be copied on every append
  v_result jsonb;
  v_where text;
BEGIN
  -- Scope first, for every item: one plant outside it refuses the whole request.
  IF p_plant_ids IS NOT NULL THEN
    FOR v_item, v_index IN SELECT e, (o - 1)::integer FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(e, o) LOOP
      SELECT array_agg(p ORDER BY p) INTO v_outside
      FROM unnest(ARRAY[(v_item->>'plantId')::integer, (v_item->>'toPlantId')::integer]) AS p
      WHERE p IS NOT NULL AND NOT (p = ANY (p_plant_ids));
      IF v_outside IS NOT NULL THEN
        v_where := CASE WHEN p_batch THEN format('Movement %s: ', v_index + 1) ELSE '' END;
        RAISE EXCEPTION USING ERRCODE = 'VM403',
          MESSAGE = format('%sPlant %s is not one of your plants.', v_where, array_to_string(v_outside, ', ')),
          DETAIL = jsonb_strip_nulls(jsonb_build_object('plantIds', to_jsonb(v_outside),
                                                        'index', CASE WHEN p_batch THEN v_index END))::text;
      END IF;
    END LOOP;
  END IF;

  -- Several movements (or a transfer): lock every existing row they touch at once,
  -- in (plant_id, part_id) order, so that two requests touching the same rows take
  -- the locks in the same order and cannot deadlock on them.
  IF jsonb_array_length(p_items) > 1 OR p_items->0->>'kind' = 'transfer' THEN
    PERFORM 1 FROM inventory i
    WHERE (i.plant_id, i.part_id) IN (
      SELECT (e->>'plantId')::integer, (e->>'partId')::integer FROM jsonb_array_elements(p_items) e
      UNION
      SELECT (e->>'toPlantId')::integer, (e->>'partId')::integer FROM jsonb_array_elements(p_items) e WHERE e ? 'toPlantId')
    ORDER BY i.plant_id, i.part_id
    FOR UPDATE;
  END IF;

  v_index := 0;
  FOR v_item IN SELECT e FROM jsonb_array_elements(p_items) e LOOP
    v_kind := v_item->>'kind';
    v_plant := (v_item->>'plantId')::integer;
    v_part := (v_item->>'partId')::integer;
    v_result := NULL;
    IF v_kind = 'receive' THEN
      v_qty := (v_item->>'quantity')::integer;
      INSERT INTO inventory (plant_id, part_id, quantity, reorder_point, updated_at) VALUES (v_plant, v_part, v_qty, 0, now())
      ON CONFLICT (plant_id, part_id) DO UPDATE SET quantity = inventory.quantity + EXCLUDED.quantity, updated_at = now()
      RETURNING quantity INTO v_new;
      INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, user_id, idempotency_key)
      VALUES (v_plant, v_part, 'receive', v_qty, p_user_id, p_key) RETURNING id INTO v_id;
      v_result := jsonb_build_object('kind', v_kind, 'partId', v_part,
        'movements', jsonb_build_array(jsonb_build_object('id', v_id::text, 'plantId', v_plant, 'partId', v_part, 'kind', 'receive', 'quantityDelta', v_qty)),
        'quantities', jsonb_build_array(jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', v_new)));

    ELSIF v_kind = 'consume' THEN
      v_qty := (v_item->>'quantity')::integer;
      UPDATE inventory SET quantity = quantity - v_qty, updated_at = now()
      WHERE plant_id = v_plant AND part_id = v_part AND quantity - v_qty >= 0
      RETURNING quantity INTO v_new;
      IF NOT FOUND THEN
        PERFORM volta_movement_refusal(v_plant, v_part, v_qty, CASE WHEN p_batch THEN v_index END);
      END IF;
      INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, user_id, idempotency_key)
      VALUES (v_plant, v_part, 'consume', -v_qty, p_user_id, p_key) RETURNING id INTO v_id;
      v_result := jsonb_build_object('kind', v_kind, 'partId', v_part,
        'movements', jsonb_build_array(jsonb_build_object('id', v_id::text, 'plantId', v_plant, 'partId', v_part, 'kind', 'consume', 'quantityDelta', -v_qty)),
        'quantities', jsonb_build_array(jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', v_new)));

    ELSIF v_kind = 'transfer' THEN
      v_qty := (v_item->>'quantity')::integer;
      v_to := (v_item->>'toPlantId')::integer;
      v_transfer := gen_random_uuid();
      -- Both rows are locked above (lower key first); the source is decremented
      -- conditionally before the target is touched.
      UPDATE inventory SET quantity = quantity - v_qty, updated_at = now()
      WHERE plant_id = v_plant AND part_id = v_part AND quantity - v_qty >= 0
      RETURNING quantity INTO v_new;
      IF NOT FOUND THEN
        PERFORM volta_movement_refusal(v_plant, v_part, v_qty, CASE WHEN p_batch THEN v_index END);
      END IF;
      INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, user_id, transfer_id, idempotency_key)
      VALUES (v_plant, v_part, 'transfer_out', -v_qty, p_user_id, v_transfer, p_key) RETURNING id INTO v_id;
      INSERT INTO inventory (plant_id, part_id, quantity, reorder_point, updated_at) VALUES (v_to, v_part, v_qty, 0, now())
      ON CONFLICT (plant_id, part_id) DO UPDATE SET quantity = inventory.quantity + EXCLUDED.quantity, updated_at = now()
      RETURNING quantity INTO v_new2;
      INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, user_id, transfer_id, idempotency_key)
      VALUES (v_to, v_part, 'transfer_in', v_qty, p_user_id, v_transfer, p_key) RETURNING id INTO v_id2;
      v_result := jsonb_build_object('kind', v_kind, 'partId', v_part, 'transferId', v_transfer::text,
        'movements', jsonb_build_array(
          jsonb_build_object('id', v_id::text, 'plantId', v_plant, 'partId', v_part, 'kind', 'transfer_out', 'quantityDelta', -v_qty),
          jsonb_build_object('id', v_id2::text, 'plantId', v_to, 'partId', v_part, 'kind', 'transfer_in', 'quantityDelta', v_qty)),
        'quantities', jsonb_build_array(
          jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', v_new),
          jsonb_build_object('plantId', v_to, 'partId', v_part, 'quantity', v_new2)));

    ELSIF v_kind = 'adjust' THEN
      v_qty := (v_item->>'countedQuantity')::integer;
      v_reason := btrim(v_item->>'reason');
      FOR attempt IN 1..3 LOOP
        -- The row is locked while the difference to the count is worked out.
        SELECT quantity INTO v_current FROM inventory WHERE plant_id = v_plant AND part_id = v_part FOR UPDATE;
        IF FOUND THEN
          v_delta := v_qty - v_current;
          IF v_delta = 0 THEN
            v_result := jsonb_build_object('kind', v_kind, 'partId', v_part, 'movements', '[]'::jsonb,
              'quantities', jsonb_build_array(jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', v_qty)));
          ELSE
            UPDATE inventory SET quantity = v_qty, updated_at = now() WHERE plant_id = v_plant AND part_id = v_part;
            INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, reason, user_id, idempotency_key)
            VALUES (v_plant, v_part, 'adjust', v_delta, v_reason, p_user_id, p_key) RETURNING id INTO v_id;
            v_result := jsonb_build_object('kind', v_kind, 'partId', v_part,
              'movements', jsonb_build_array(jsonb_build_object('id', v_id::text, 'plantId', v_plant, 'partId', v_part, 'kind', 'adjust', 'quantityDelta', v_delta)),
              'quantities', jsonb_build_array(jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', v_qty)));
          END IF;
          EXIT;
        END IF;
        IF v_qty = 0 THEN
          IF NOT EXISTS (SELECT 1 FROM plants WHERE plant_id = v_plant) OR NOT EXISTS (SELECT 1 FROM parts WHERE part_id = v_part) THEN
            PERFORM volta_movement_refusal(v_plant, v_part, 0, CASE WHEN p_batch THEN v_index END);
          END IF;
          v_result := jsonb_build_object('kind', v_kind, 'partId', v_part, 'movements', '[]'::jsonb,
            'quantities', jsonb_build_array(jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', 0)));
          EXIT;
        END IF;
        -- No row yet: create it with the count, unless a concurrent movement just did (then look again).
        INSERT INTO inventory (plant_id, part_id, quantity, reorder_point, updated_at) VALUES (v_plant, v_part, v_qty, 0, now())
        ON CONFLICT (plant_id, part_id) DO NOTHING;
        IF FOUND THEN
          INSERT INTO stock_movements (plant_id, part_id, kind, quantity_delta, reason, user_id, idempotency_key)
          VALUES (v_plant, v_part, 'adjust', v_qty, v_reason, p_user_id, p_key) RETURNING id INTO v_id;
          v_result := jsonb_build_object('kind', v_kind, 'partId', v_part,
            'movements', jsonb_build_array(jsonb_build_object('id', v_id::text, 'plantId', v_plant, 'partId', v_part, 'kind', 'adjust', 'quantityDelta', v_qty)),
            'quantities', jsonb_build_array(jsonb_build_object('plantId', v_plant, 'partId', v_part, 'quantity', v_qty)));
          EXIT;
        END IF;
      END LOOP;
      IF v_result IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'The count could not be applied; try again.';
      END IF;
    ELSE
      RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('Unknown movement kind %L.', v_kind);
    END IF;
    v_results := v_results || v_result;
    v_index := v_index + 1;
  END LOOP;
  RETURN to_jsonb(v_results);
END $$;

CREATE FUNCTION volta_apply_movements(p_user_id integer, p_plant_ids integer[], p_key text, p_hash text, p_items jsonb, p_batch boolean)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_claim record;
  v_results jsonb;
  v_status integer;
  v_body jsonb;
  v_message text;
  v_detail text;
  v_state text;
BEGIN
  IF p_key IS NULL THEN
    v_results := volta_apply_movement_items(p_user_id, p_plant_ids, NULL, p_items, p_batch);
    RETURN jsonb_build_object('status', 201, 'replayed', false,
      'body', CASE WHEN p_batch THEN jsonb_build_object('results', v_results) ELSE v_results->0 END);
  END IF;

  -- Claim the key. A concurrent claim of the same key waits here (primary key)
  -- until the first transaction ends, then sees its stored answer.
  INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (p_user_id, p_key, p_hash)
  ON CONFLICT (user_id, key) DO NOTHING;
  IF NOT FOUND THEN
    SELECT request_hash, status, response INTO v_claim FROM idempotency_keys WHERE user_id = p_user_id AND key = p_key;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('status', 409, 'replayed', false,
        'body', jsonb_build_object('error', 'A request with this Idempotency-Key is still in progress.'));
    ELSIF v_claim.request_hash <> p_hash THEN
      RETURN jsonb_build_object('status', 422, 'replayed', false,
        'body', jsonb_build_object('error', 'This Idempotency-Key was already used with a different request body.'));
    ELSIF v_claim.status IS NULL THEN
      RETURN jsonb_build_object('status', 409, 'replayed', false,
        'body', jsonb_build_object('error', 'A request with this Idempotency-Key is still in progress.'));
    END IF;
    RETURN jsonb_build_object('status', v_claim.status, 'body', v_claim.response, 'replayed', true);
  END IF;

  BEGIN
    v_results := volta_apply_movement_items(p_user_id, p_plant_ids, p_key, p_items, p_batch);
    v_status := 201;
    v_body := CASE WHEN p_batch THEN jsonb_build_object('results', v_results) ELSE v_results->0 END;
  EXCEPTION WHEN SQLSTATE 'VM403' OR SQLSTATE 'VM409' THEN
    -- Refusals found before anything stayed changed are answers too: every movement
    -- of the request is rolled back (this block's savepoint), the answer is stored
    -- with the key, and a retry gets the same one.
    GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL, v_state = RETURNED_SQLSTATE;
    v_status := CASE v_state WHEN 'VM403' THEN 403 ELSE 409 END;
    v_body := jsonb_build_object('error', v_message,
                                 'code', CASE v_state WHEN 'VM403' THEN 'out_of_scope' ELSE 'insufficient_stock' END)
              || COALESCE(NULLIF(v_detail, '')::jsonb, '{}'::jsonb);
  END;
  UPDATE idempotency_keys SET status = v_status, response = v_body WHERE user_id = p_user_id AND key = p_key;
  RETURN jsonb_build_object('status', v_status, 'body', v_body, 'replayed', false);
END $$;

-- A user's role, activity or plants changed: tell every listening server (they
-- cache signed-in users for a short while and drop the entry on this).
CREATE FUNCTION volta_notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_row record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('volta_user_changed', v_row.id::text);
  ELSE
    PERFORM pg_notify('volta_user_changed', v_row.user_id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER users_notify_changed AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION volta_notify_user_changed();
CREATE TRIGGER user_plants_notify_changed AFTER INSERT OR UPDATE OR DELETE ON "user_plants"
  FOR EACH ROW EXECUTE FUNCTION volta_notify_user_changed();

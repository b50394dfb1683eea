"""Values PostgreSQL cannot store are the client's problem (422), and never leak into logs."""

from __future__ import annotations

import logging

from tests.factories import make_employee, problem


async def test_nul_character_is_a_422_and_the_log_holds_no_personal_data(client, db, token_for, caplog):
    employee = await make_employee(db)
    url = f"/api/v1/employees/{employee.id}"
    secret_phone, secret_address = "+62 811 999 888", "Jl. Rahasia 7\u0000"
    with caplog.at_level(logging.DEBUG):
        response = await client.patch(url, json={"phone": secret_phone, "address": secret_address},
                                      headers=token_for("hr"))
    body = problem(response, 422, "invalid_value")
    assert "Rahasia" not in body["detail"]
    logged = "\n".join(record.getMessage() + str(record.__dict__) for record in caplog.records)
    assert secret_phone not in logged and "Rahasia" not in logged
    unchanged = (await client.get(url, headers=token_for("hr"))).json()
    assert unchanged["phone"] != secret_phone

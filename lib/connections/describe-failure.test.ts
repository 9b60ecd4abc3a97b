import { describe, expect, it } from "vitest";
import { HttpStatusError, MalformedResponseError, NetworkError, RequestTimeoutError } from "@/lib/connectors/http/http-errors";
import { VpPageFailedError, VpUnauthorizedError } from "@/lib/connectors/visual-practice/errors";
import { describeFailure } from "./describe-failure";

const FS = "https://acme.myfreshworks.com/crm/sales/api";
const status = (code: number) => new HttpStatusError(`status ${code}`, code, {}, "", undefined);

describe("describeFailure", () => {
  it("names an unknown host, a refused port and a silent server", () => {
    expect(describeFailure(new NetworkError(FS, "ENOTFOUND", false, null), "Freshsales", FS)).toBe("Could not reach acme.myfreshworks.com: no such host. Check the address.");
    expect(describeFailure(new NetworkError(FS, "ECONNREFUSED", false, null), "Freshsales", FS)).toMatch(/connection was refused/);
    expect(describeFailure(new RequestTimeoutError(FS, 10_000), "Freshsales", FS)).toBe("acme.myfreshworks.com did not answer within 10 seconds.");
  });

  it("looks through a failed page to the refused token inside it", () => {
    const inner = new VpUnauthorizedError("401", 401, {}, "", undefined);
    expect(describeFailure(new VpPageFailedError("users", 1, inner), "Visual Practice", "https://vp.example/api/v1")).toMatch(/^Visual Practice refused the token \(401\)/);
  });

  it("tells a server that is not the API from one that is having trouble", () => {
    expect(describeFailure(new MalformedResponseError(FS, "invalid JSON"), "Freshsales", FS)).toBe(`${FS} did not answer like the Freshsales API. Check the address.`);
    expect(describeFailure(status(404), "Freshsales", FS)).toMatch(/did not answer like the Freshsales API \(it said 404\)/);
    expect(describeFailure(status(503), "Freshsales", FS)).toBe("Freshsales answered with a server error (503); try again later.");
    expect(describeFailure(status(403), "Freshsales", FS)).toMatch(/denied access \(403\)/);
  });

  it("shows only a reference for anything unexpected", () => {
    expect(describeFailure(new Error("token=abc leaked?"), "Freshsales", FS)).toMatch(/^Something went wrong\. Reference: \w+$/);
  });
});

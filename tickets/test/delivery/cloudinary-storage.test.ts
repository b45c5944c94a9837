import request from "supertest";
// Auth's fake Cloudinary, which also speaks the raw/authenticated part of the protocol.
import { FakeCloudinary } from "../../../auth/test/fakes/fake-cloudinary";
import { cookieOf, type Harness, listTicket, newUser, startTickets } from "../helpers";
import { qrPng, ticketPdf, uniqueBarcode, uploadTicketFile } from "./fixtures";

const cloudinary = new FakeCloudinary("ticketing-test", "123456789", "tickets-test-secret");
let h: Harness;
beforeAll(async () => {
  await cloudinary.start();
  h = await startTickets({ CLOUDINARY_URL: cloudinary.cloudinaryUrl });
});
afterAll(async () => {
  await h.stop();
  await cloudinary.stop();
});

test("with CLOUDINARY_URL the file is a private (authenticated) raw asset, read back through a signed link", async () => {
  const seller = newUser();
  const ticket = await listTicket(h, seller);
  await uploadTicketFile(h, seller, ticket.id, await qrPng(uniqueBarcode())).expect(200);
  const first = [...cloudinary.assets.values()].find((a) => a.publicId.includes(ticket.id));
  expect(first).toMatchObject({ resourceType: "raw", type: "authenticated" });

  const replacement = await ticketPdf(await qrPng(uniqueBarcode()));
  await uploadTicketFile(h, seller, ticket.id, replacement).expect(200);
  const kept = [...cloudinary.assets.values()].filter((a) => a.publicId.includes(ticket.id));
  // The replaced asset is deleted; only the new one remains.
  expect(kept).toHaveLength(1);
  expect(kept[0]!.publicId).not.toBe(first!.publicId);

  const res = await request(h.url).get(`/api/tickets/${ticket.id}/file`).set("Cookie", cookieOf(seller)).expect(200);
  expect(Buffer.compare(res.body as Buffer, replacement)).toBe(0);
  expect(cloudinary.rejected).toEqual([]);
});

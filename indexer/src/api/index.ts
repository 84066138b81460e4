/**
 * The indexer's HTTP API (beside Ponder's own /ready, /health and /status): GraphQL at /graphql (and /), every table
 * with filters, ordering, paging and `totalCount`; Ponder's SQL over HTTP at /sql/* for @ponder/client.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));
app.use("/", graphql({ db, schema }));

export default app;

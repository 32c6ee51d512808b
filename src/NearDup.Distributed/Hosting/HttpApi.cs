using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Clustering;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// The JSON API of <c>neardup serve</c>: <c>POST /documents</c> (an array of <c>{"id","text","date"}</c>),
/// <c>POST /query</c> (<c>{"text","date"}</c>, the date optional), <c>GET</c> and <c>DELETE /documents/{id}</c>, <c>GET /documents/{id}/cluster</c>
/// (its cluster in the last batch clustering run, as <c>neardup cluster</c> writes one), <c>GET /count</c>, <c>GET /traffic</c>
/// (the Orleans messages and bytes this silo has sent and received since it started, <see cref="MessageTraffic"/>),
/// <c>GET /activations</c> (the index's active grains on each silo, by class: <see cref="NearDupClusterClient.ActivationsAsync"/>). Bad input is a
/// 400 with <c>{"error"}</c> naming the field or id; an unknown document, or no clustering run yet, a 404 saying which;
/// a cluster that does not answer (after the retries a read gets), a 503 with <c>{"error"}</c> saying why, so that a client
/// can tell "try again" from a fault of the server's.
/// </summary>
public static class HttpApi
{
    /// <summary>
    /// What the routes need of the app's services: dates read as the CLI reads them (<see cref="UtcDateConverter"/>),
    /// and a body that does not bind thrown, so that <see cref="Map"/>'s handler can say why.
    /// </summary>
    public static void AddServices(IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new UtcDateConverter()));
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
    }

    /// <summary>
    /// Maps the routes (after <see cref="AddServices"/>); <paramref name="index"/> completes once the silo has started and opened the index;
    /// <paramref name="traffic"/> counts the silo's messages.
    /// </summary>
    public static void Map(WebApplication app, Task<NearDupClusterClient> index, MessageTraffic traffic)
    {
        app.Use(AnswerUnavailable);
        app.Use(AnswerBadBody);
        MapDocuments(app, index);
        app.MapPost("/query", async (HttpQuery query) =>
        {
            if (query.Text is null)
            {
                return Results.BadRequest(new { error = "\"text\" is required." });
            }
            var matches = await (await index).QueryAsync(query.Text, query.Date);
            return Results.Ok(new { matches = matches.Select(Describe) });
        });
        app.MapGet("/count", async () => Results.Ok(new { documents = await (await index).CountAsync() }));
        app.MapGet("/traffic", () => Results.Ok(traffic.Counts));
        app.MapGet("/activations", async () =>
            Results.Ok(new { silos = (await (await index).ActivationsAsync()).Select(s => new { silo = s.Key, grains = s.Value }) }));
    }

    /// <summary>
    /// A body that is not the route's JSON (malformed, a field of the wrong type, a date that is not one): a 400 whose
    /// <c>{"error"}</c> says what the reader found wrong, where ASP.NET Core answers an empty 400. Needs
    /// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> (<see cref="AddServices"/>).
    /// </summary>
    private static async Task AnswerBadBody(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = e.InnerException?.Message ?? e.Message });
        }
    }

    /// <summary>
    /// A cluster that does not answer, after the retries its reads get: a 503 saying why, before anything was written,
    /// and the same line on the silo's stderr beside the retries' warnings.
    /// </summary>
    private static async Task AnswerUnavailable(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException && !context.Response.HasStarted)
        {
            string error = $"the cluster did not answer: {e.Message.Split('\n', 2)[0].Trim()}";
            Console.Error.WriteLine($"error: {context.Request.Method} {context.Request.Path}: {error}");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new { error });
        }
    }

    /// <summary>The routes under <c>/documents</c>: add, look up, remove, and a document's cluster.</summary>
    private static void MapDocuments(WebApplication app, Task<NearDupClusterClient> index)
    {
        app.MapPost("/documents", async (HttpDocument[] documents) =>
        {
            for (int i = 0; i < documents.Length; i++)
            {
                if (string.IsNullOrEmpty(documents[i].Id) || documents[i].Text is null)
                {
                    return Results.BadRequest(new { error = $"documents[{i}]: \"id\" (non-empty) and \"text\" are required." });
                }
            }
            var client = await index;
            try
            {
                long added = await client.AddRangeAsync(documents.Select(d => new DocumentInput(d.Id!, d.Text!, d.Date)));
                return Results.Ok(new { added });
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
        app.MapGet("/documents/{id}", async (string id) =>
            await (await index).ContainsAsync(id) ? Results.Ok(new { id }) : Results.NotFound(new { error = $"no document '{id}'" }));
        app.MapGet("/documents/{id}/cluster", async (string id) =>
        {
            var client = await index;
            try
            {
                return await client.ClusterOfAsync(id) is { } cluster
                    ? Results.Ok(Describe(cluster))
                    : Results.NotFound(new { error = $"no document '{id}' in the last clustering run of index '{client.IndexName}' (added since, or never)" });
            }
            catch (InvalidOperationException e)
            {
                return Results.NotFound(new { error = e.Message });
            }
        });
        app.MapDelete("/documents/{id}", async (string id) => Results.Ok(new { removed = await (await index).RemoveAsync(id) }));
    }

    /// <summary>A cluster as <c>neardup cluster</c> writes it in JSONL.</summary>
    public static object Describe(DocumentCluster cluster) => new
    {
        cluster = cluster.Id,
        canonical = cluster.Canonical,
        size = cluster.Members.Count,
        members = cluster.Members.Select(m => new
        {
            id = m.Id,
            role = m.Role.ToString().ToLowerInvariant(),
            jaccard = m.Jaccard,
            containment = m.Containment,
        }),
    };

    /// <summary>
    /// A match as the CLI's <c>remote query</c> writes it: with its cluster in the index's last batch run, null when
    /// there is none (no run yet, or the document was added since).
    /// </summary>
    public static object Describe(QueryMatch match) => new
    {
        id = match.Id,
        cluster = match.Cluster.Length > 0 ? match.Cluster : null,
        role = match.Role.ToString().ToLowerInvariant(),
        relation = match.Relation == PairRelation.Reuse ? "reuse" : "copy",
        jaccard = match.Jaccard,
        containment = match.Containment,
    };
}

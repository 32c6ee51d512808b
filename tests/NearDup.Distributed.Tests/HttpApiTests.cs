using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using NearDup.Distributed.Hosting;

namespace NearDup.Distributed.Tests;

/// <summary>
/// <see cref="HttpApi"/> in process, on a loopback port, for the answers that need no cluster: a cluster that does not
/// answer is a 503 saying why (a client may try again), any other fault stays a 500, and bad input a 400.
/// </summary>
public sealed class HttpApiTests : IDisposable
{
    private readonly MessageTraffic _traffic = MessageTraffic.Start();

    public void Dispose() => _traffic.Dispose();

    [Theory]
    [InlineData("POST", "query")]
    [InlineData("GET", "count")]
    [InlineData("GET", "documents/a/cluster")]
    public async Task Route_ClusterDoesNotAnswer_503NamingWhy(string method, string path)
    {
        var index = Task.FromException<NearDupClusterClient>(new SiloUnavailableException("silo S127.0.0.1:2 is dead\nmore detail"));
        await using var app = await StartAsync(index);
        using var http = Client(app);

        using var response = await SendAsync(http, method, path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("the cluster did not answer: silo S127.0.0.1:2 is dead", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Query_OtherFault_StaysA500()
    {
        await using var app = await StartAsync(Task.FromException<NearDupClusterClient>(new InvalidOperationException("a bug")));
        using var http = Client(app);

        using var response = await SendAsync(http, "POST", "query");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Query_NoText_400BeforeTheClusterIsAsked()
    {
        await using var app = await StartAsync(Task.FromException<NearDupClusterClient>(new OrleansException("unreachable")));
        using var http = Client(app);

        using var response = await http.PostAsync("query", JsonContent.Create(new { other = 1 }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("\"text\" is required.", body.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{\"text\":\"a\",\"date\":\"last week\"}", "\"date\" must be an ISO 8601 date string such as \"1987-03-26\", not \"last week\"")]
    [InlineData("{\"text\":\"a\",\"date\":19870326}", "\"date\" must be an ISO 8601 date string such as \"1987-03-26\", not Number")]
    [InlineData("{\"text\":", "")]
    public async Task Query_BodyThatDoesNotBind_400SayingWhy(string json, string error)
    {
        await using var app = await StartAsync(Task.FromException<NearDupClusterClient>(new OrleansException("unreachable")));
        using var http = Client(app);

        using var response = await http.PostAsync("query", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        // Not the empty 400 ASP.NET Core answers by default: the reader's own message, naming the field where it can.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string message = body.RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith(error, message, StringComparison.Ordinal);
        Assert.NotEmpty(message);
    }

    private async Task<WebApplication> StartAsync(Task<NearDupClusterClient> index)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        HttpApi.AddServices(builder.Services);
        var app = builder.Build();
        HttpApi.Map(app, index, _traffic);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First() + "/") };

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path) => method == "POST"
        ? http.PostAsync(path, JsonContent.Create(new { text = "some text to query" }))
        : http.GetAsync(path);
}

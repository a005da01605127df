using Guichet.Bare;

// The bare baseline: what Kestrel and SQLite alone cost for the pages the bench measures on
// Guichet, on the same database file. No MVC, Razor, EF Core, Identity, antiforgery or
// localization: routes on the slim builder, SQL by hand, HTML written into a StringBuilder.
// See docs/benchmarks.md, "The bare baseline".
//   dotnet Guichet.Bare.dll --data-dir DIR [--urls http://127.0.0.1:55490] [--mmap-bytes 2147483648]
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var dataDir = builder.Configuration["data-dir"] ?? throw new ArgumentException("--data-dir DIR (the directory of guichet.db) is required.");
var file = Path.Combine(Path.GetFullPath(dataDir), "guichet.db");
if (!File.Exists(file)) throw new ArgumentException($"No database at {file}: generate one with the bench first.");
// Guichet's default (Guichet:Database:SqliteMemoryMapBytes), so both read the file the same way.
var mmapBytes = builder.Configuration.GetValue("mmap-bytes", 2L << 30);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new BareDatabase(file, mmapBytes));
builder.Services.AddSingleton<Callers>();
builder.Services.AddSingleton<TicketPages>();

var app = builder.Build();
await app.Services.GetRequiredService<TicketPages>().LoadCatalogAsync(CancellationToken.None);

var pages = app.Services.GetRequiredService<TicketPages>();
app.MapGet("/healthz", pages.HealthAsync);
app.MapGet("/page", TicketPages.StaticPageAsync);
app.MapGet("/requests", pages.ListAsync);
app.MapGet("/requests/{number:long}", pages.ViewAsync);
app.MapPost("/requests/new", pages.CreateAsync);

await app.RunAsync();

using Guichet.Web.Accounts;
using Guichet.Web.Api;
using Guichet.Web.Attachments;
using Guichet.Web;
using Guichet.Web.Data;
using Guichet.Web.Demo;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Guichet.Web.Journal;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Live;
using Guichet.Web.Localization;
using Guichet.Web.Macros;
using Guichet.Web.Notifications;
using Guichet.Web.Organizations;
using Guichet.Web.Portal;
using Guichet.Web.Search;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Guichet.Web.TimeTracking;

// Verbs (migrate, admin create) run and exit; --demo loads demo data before serving.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);

// ---- Capabilities -------------------------------------------------------------------------
builder.AddGuichetHosting();
builder.AddGuichetData();
builder.AddGuichetLocalization();
builder.AddGuichetAccounts();
builder.AddGuichetOrganizations();
builder.AddGuichetOutboundMail();
builder.AddGuichetInboundMail();
builder.AddGuichetTickets();
builder.AddGuichetQueues();
builder.AddGuichetLive();
builder.AddGuichetTimeTracking();
builder.AddGuichetJournal();
builder.AddGuichetMacros();
builder.AddGuichetNotifications();
builder.AddGuichetAttachments();
builder.AddGuichetPortal();
builder.AddGuichetSearch();
builder.AddGuichetKnowledgeBase();
builder.AddGuichetApi();

// ---- UI -----------------------------------------------------------------------------------
builder.Services.AddRouting(o => o.LowercaseUrls = true);
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/Agent", Roles.StaffPolicy);
        o.Conventions.AuthorizeFolder("/Agent/KnowledgeBase", Roles.EditorPolicy);
        o.Conventions.AuthorizeFolder("/Admin", Roles.AdminPolicy);
        o.Conventions.AuthorizePage("/Account/Profile");
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

var app = builder.Build();

if (command.Verb is not null)
    return await command.RunVerbAsync(app);

await app.Services.MigrateDatabaseAsync();
await app.Services.SeedTicketDefaultsAsync();
if (command.Demo)
    await app.Services.LoadDemoDataAsync();
await app.Services.AnnounceFirstRunAsync();

// ---- Pipeline -----------------------------------------------------------------------------
app.UseGuichetHosting();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseRequestLocalization();   // after authentication: the signed-in user's language wins
app.UseRateLimiter();
app.UseAuthorization();
app.UseGuichetAttachments();
app.UseAntiforgery();

app.MapGuichetApi();
app.MapGuichetInboundMail();
app.MapGuichetAttachments();
app.MapGuichetKnowledgeBase();
app.MapGuichetLive();
app.MapHealthChecks("/healthz");
app.MapRazorPages();
app.MapCultureSwitch();

await app.RunAsync();
return 0;

public partial class Program;

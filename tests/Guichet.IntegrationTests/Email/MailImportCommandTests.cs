using System.Diagnostics;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Email.Inbound;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Guichet.IntegrationTests.Infrastructure.InboundMailHelpers;

namespace Guichet.IntegrationTests.Email;

/// <summary><c>mail import</c>, run as an admin would run it: the real program, against the installation's database, while it serves.</summary>
public sealed class MailImportCommandTests
{
    private sealed record Run(int ExitCode, string Output, string Errors);

    /// <summary>Runs Guichet.Web.dll with the verb and the app's own configuration (its database, its data directory).</summary>
    private static async Task<Run> ImportAsync(GuichetApp app, string path)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Guichet.Web.dll"));
        start.ArgumentList.Add("mail");
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(path);
        foreach (var (key, value) in app.Settings.Where(s => s.Value is not null))
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await errors);
    }

    [Theory, Databases]
    public async Task Files_an_mbox_and_a_folder_are_imported_once_and_a_missing_file_is_a_clear_error(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var folder = Directory.CreateTempSubdirectory("guichet-import-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "one.eml"), Raw(Mail("ana@example.com", "First", "One.")));
            await using (var mbox = File.Create(Path.Combine(folder, "more.mbox")))
            {
                foreach (var (from, subject) in new[] { ("ben@example.com", "Second"), ("cy@example.com", "Third") })
                {
                    await mbox.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"From {from} Mon Dec  7 10:00:00 2026\n"));
                    await Mail(from, subject, "Text.").WriteToAsync(FormatOptions.Default, mbox);
                    await mbox.WriteAsync("\n"u8.ToArray());
                }
            }

            var first = await ImportAsync(app, folder);
            var again = await ImportAsync(app, Path.Combine(folder, "one.eml"));
            var missing = await ImportAsync(app, Path.Combine(folder, "nothing-here.eml"));

            Assert.True(first.ExitCode == 0, first.Errors);
            Assert.Contains("3 messages: 3 new requests", first.Output);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("1 already imported", again.Output);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("nothing-here.eml: no such file or folder.", missing.Errors);
            var subjects = await app.WithDbAsync(d => d.Tickets.Select(t => t.Subject).ToListAsync());
            Assert.Equal(["First", "Second", "Third"], subjects.Order());
            Assert.All(await app.InboundMessagesAsync(), m => Assert.Equal(InboundChannel.Import, m.Channel));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

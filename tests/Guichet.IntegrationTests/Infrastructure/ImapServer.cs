using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Guichet.Web.Email.Inbound;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>A message as the server holds it, to check what the fetcher did.</summary>
public sealed record ImapStoredMessage(uint Uid, string? MessageId, MessageFlags Flags, IReadOnlySet<string> Keywords);

/// <summary>
/// A real IMAP server for one test: a private Dovecot on a free loopback port, with its own
/// configuration, users and maildirs in a temporary folder, plain text logins and no TLS; or, started
/// with <c>tls: true</c>, STARTTLS on that port and TLS from the first byte on <see cref="TlsPort"/>,
/// with a self-signed certificate made for it (<see cref="CertificateFingerprint"/>).
/// <code>
/// await using var imap = await ImapServer.StartAsync();
/// imap.AddUser("support", "secret");
/// await imap.AppendAsync("support", "secret", message);
/// var messages = await imap.ListAsync("support", "secret");
/// </code>
/// It can be stopped and started again on the same port, keeping the mail. Runs as root (mail
/// then belongs to "nobody") or as a normal user.
/// </summary>
public sealed partial class ImapServer : IAsyncDisposable
{
    private const string Program = "/usr/sbin/dovecot";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly string directory;
    private readonly (int Uid, int Gid) mailOwner;
    private Process? process;
    private readonly StringBuilder output = new();

    private ImapServer(int port, int? tlsPort, string directory, (int Uid, int Gid) mailOwner)
    {
        Port = port;
        TlsPort = tlsPort;
        this.directory = directory;
        this.mailOwner = mailOwner;
    }

    public string Host => "127.0.0.1";

    /// <summary>Plain IMAP; with TLS it offers STARTTLS.</summary>
    public int Port { get; }

    /// <summary>IMAP over TLS from the first byte (as port 993); null without TLS.</summary>
    public int? TlsPort { get; }

    /// <summary>The SHA-256 fingerprint of the server's certificate as openssl prints it ("sha256 Fingerprint=AB:CD:…"); null without TLS.</summary>
    public string? CertificateFingerprint { get; private set; }

    private string ConfigFile => Path.Combine(directory, "dovecot.conf");
    private string UsersFile => Path.Combine(directory, "users");
    private string LogFile => Path.Combine(directory, "dovecot.log");
    private string CertificateFile => Path.Combine(directory, "cert.pem");
    private string KeyFile => Path.Combine(directory, "key.pem");

    public static async Task<ImapServer> StartAsync(bool tls = false)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing: run the tests with ./test.sh, which installs dovecot-imapd.");

        var self = await IdentityAsync(user: null);
        // Dovecot refuses to give mail to root: as root, mail belongs to "nobody", who must reach the homes.
        var owner = self.Uid == 0 ? await IdentityAsync("nobody") : self;
        var directory = Directory.CreateTempSubdirectory("guichet-imap-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "state"));
        var homes = Directory.CreateDirectory(Path.Combine(directory, "home")).FullName;
        File.SetUnixFileMode(homes, (UnixFileMode)0b111_111_111);
        await File.WriteAllTextAsync(Path.Combine(directory, "users"), "");

        var server = new ImapServer(FreePort(), tls ? FreePort() : null, directory, (owner.Uid, owner.Gid));
        try
        {
            if (tls) await server.MakeCertificateAsync();
            await File.WriteAllTextAsync(server.ConfigFile, server.Config(self));
            await server.RestartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Adds a mailbox; Dovecot reads the users file again when it changes.</summary>
    public void AddUser(string user, string password)
    {
        if (user.Contains(':') || password.Contains(':') || password.Contains('\n'))
            throw new ArgumentException("A passwd-file line cannot hold ':' or a line break.");
        var home = Path.Combine(directory, "home", user);
        File.AppendAllText(UsersFile, $"{user}:{{PLAIN}}{password}:{mailOwner.Uid}:{mailOwner.Gid}::{home}::\n");
    }

    /// <summary>Settings for the fetcher, to this server: without TLS unless told, TLS on <see cref="TlsPort"/>.</summary>
    public ImapSettings Settings(string user, string password, string folder = "INBOX", string? moveTo = null, ImapSecurity security = ImapSecurity.None) =>
        new(Host, security == ImapSecurity.Tls ? TlsPort ?? throw new InvalidOperationException("This server was started without TLS.") : Port,
            security, user, password, folder, moveTo);

    /// <summary>Delivers a message as a mail client or a delivery agent would (APPEND); returns its UID.</summary>
    public async Task<uint> AppendAsync(string user, string password, MimeMessage message, string folder = "INBOX", MessageFlags flags = MessageFlags.None)
    {
        using var client = await ConnectAsync(user, password);
        var target = await FolderAsync(client, folder);
        var uid = await target.AppendAsync(new AppendRequest(message, flags));
        return uid?.Id ?? throw new InvalidOperationException("Dovecot did not give the appended message's UID (UIDPLUS).");
    }

    public async Task<uint> AppendAsync(string user, string password, byte[] raw, string folder = "INBOX", MessageFlags flags = MessageFlags.None)
    {
        using var stream = new MemoryStream(raw);
        return await AppendAsync(user, password, await MimeMessage.LoadAsync(stream), folder, flags);
    }

    /// <summary>Every message of a folder, by UID, with its flags and keywords (\Deleted ones included).</summary>
    public async Task<IReadOnlyList<ImapStoredMessage>> ListAsync(string user, string password, string folder = "INBOX")
    {
        using var client = await ConnectAsync(user, password);
        var target = await FolderAsync(client, folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        if (target.Count == 0) return [];
        var summaries = await target.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope);
        return [.. summaries.OrderBy(s => s.UniqueId.Id).Select(s => new ImapStoredMessage(
            s.UniqueId.Id, s.Envelope?.MessageId, s.Flags ?? MessageFlags.None, s.Keywords.ToHashSet(StringComparer.Ordinal)))];
    }

    public async Task CreateFolderAsync(string user, string password, string name)
    {
        using var client = await ConnectAsync(user, password);
        var root = await client.GetFolderAsync(client.PersonalNamespaces[0].Path);
        await root.CreateAsync(name, isMessageFolder: true);
    }

    /// <summary>Starts again on the same port after <see cref="StopAsync"/>, with the same users and mail.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        lock (output) output.Clear();
        // -F: in the foreground, so that this process is Dovecot's master.
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-F", "-c", ConfigFile }) start.ArgumentList.Add(a);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await IsReadyAsync())
        {
            if (process.HasExited)
                throw new InvalidOperationException($"dovecot exited ({process.ExitCode}): {Output()}{Log()}");
            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException($"dovecot was not ready on {Host}:{Port} within {StartTimeout}: {Output()}{Log()}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The server goes away, as in a crash: every Dovecot process is killed at once, so open
    /// connections are cut and new ones refused until <see cref="RestartAsync"/>. (On SIGTERM the
    /// master leaves, but logged-in imap processes linger and keep their connections.)
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        using (var timeout = new CancellationTokenSource(StopTimeout))
            await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        process = null;
        var deadline = Stopwatch.StartNew();
        while (await AcceptsConnectionsAsync())
        {
            if (deadline.Elapsed > StopTimeout) throw new TimeoutException($"Something still listens on {Host}:{Port} after dovecot was stopped.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }   // left for the OS to clean up with the rest of the temp folder
        catch (UnauthorizedAccessException) { }
    }

    private string Config((int Uid, int Gid, string User, string Group) self)
    {
        var lines = new List<string>
        {
            "protocols = imap",
            "listen = 127.0.0.1",
            $"base_dir = {directory}/run",
            $"state_dir = {directory}/state",
            $"log_path = {LogFile}",
            // Plain text logins without TLS: the server is only reachable from this machine.
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain login",
            // A wrong password is answered at once (tests check that case), not after Dovecot's 2 s.
            "auth_failure_delay = 0",
            "first_valid_uid = 1",
            "mail_location = maildir:~/Maildir",
            "passdb {", "  driver = passwd-file", $"  args = scheme=PLAIN username_format=%u {UsersFile}", "}",
            "userdb {", "  driver = passwd-file", $"  args = username_format=%u {UsersFile}", "}",
            "service imap-login {",
            $"  inet_listener imap {{", "    address = 127.0.0.1", $"    port = {Port}", "  }",
            "  inet_listener imaps {", "    address = 127.0.0.1", $"    port = {TlsPort ?? 0}", "  }",
            "}",
        };
        lines.AddRange(TlsPort is null ? ["ssl = no"] : ["ssl = yes", $"ssl_cert = <{CertificateFile}", $"ssl_key = <{KeyFile}"]);
        if (self.Uid != 0)
        {
            // Without root Dovecot cannot switch users nor chroot: everything runs as the current user.
            lines.AddRange([
                $"default_internal_user = {self.User}",
                $"default_internal_group = {self.Group}",
                $"default_login_user = {self.User}",
                "service imap-login {", "  chroot =", "}",
                "service anvil {", "  chroot =", "}",
            ]);
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A self-signed certificate for 127.0.0.1, as an admin would make for an internal server; its fingerprint as openssl prints it.</summary>
    private async Task MakeCertificateAsync()
    {
        await RunAsync("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", KeyFile, "-out", CertificateFile);
        CertificateFingerprint = (await RunAsync("openssl", "x509", "-in", CertificateFile, "-noout", "-fingerprint", "-sha256")).Trim();
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var run = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({run.ExitCode}): {await stderr}");
        return await stdout;
    }

    private async Task<ImapClient> ConnectAsync(string user, string password)
    {
        var client = new ImapClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
            await client.AuthenticateAsync(user, password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string folder) =>
        string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(folder);

    // Dovecot listens before its authentication process is up, and then greets with "Waiting for
    // authentication process to respond": ready is the greeting that says so.
    private async Task<bool> IsReadyAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
                if (line.StartsWith("* OK", StringComparison.Ordinal) && line.Contains("ready", StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A user's ids and names from <c>id</c>, which also sees users that are not in /etc/passwd.</summary>
    private static async Task<(int Uid, int Gid, string User, string Group)> IdentityAsync(string? user)
    {
        var start = new ProcessStartInfo("id") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (user is not null) start.ArgumentList.Add(user);
        using var id = Process.Start(start)!;
        var text = await id.StandardOutput.ReadToEndAsync();
        await id.WaitForExitAsync();
        var match = IdOutput().Match(text);
        if (!match.Success) throw new InvalidOperationException($"Unexpected output of 'id {user}': {text}");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[3].Value), match.Groups[2].Value, match.Groups[4].Value);
    }

    [GeneratedRegex(@"uid=(\d+)\(([^)]+)\) gid=(\d+)\(([^)]+)\)")]
    private static partial Regex IdOutput();

    private string Output()
    {
        lock (output) return output.ToString();
    }

    private string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>Dovecot's log lines of the user's sign-ins (they say ", TLS" when the connection was encrypted).</summary>
    public IReadOnlyList<string> Logins(string user) =>
        [.. Log().Split('\n').Where(line => line.Contains("imap-login: ", StringComparison.Ordinal) && line.Contains($"Login: user=<{user}>", StringComparison.Ordinal))];

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

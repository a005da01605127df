using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Mailboxes;

/// <summary>
/// A mailbox's settings (<c>/admin/mailboxes/new</c>, <c>/admin/mailboxes/{id}</c>), a test of the connection with what
/// the form says, and its deletion. The password is written, never read back: the field is always empty, and left
/// empty it keeps the stored one.
/// </summary>
public sealed class EditModel(GuichetDbContext db, MailboxPasswords passwords, MailboxConnections connections, TimeProvider time,
    IStringLocalizer<SharedResource> L, ILogger<EditModel> log) : PageModel
{
    public sealed record Choice(int Id, string Name);

    /// <summary>"new", or the mailbox's id.</summary>
    [BindProperty(SupportsGet = true, Name = "id")] public string Key { get; set; } = "";

    public int? Id => int.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    [BindProperty] public MailboxInput Input { get; set; } = new();

    /// <summary>The address as saved (the page's title), null for a new mailbox.</summary>
    public string? SavedAddress { get; private set; }

    /// <summary>Whether a password is stored that Guichet can still read (its keys may have been lost).</summary>
    public bool HasPassword { get; private set; }

    /// <summary>A password was typed and the form came back: it is never written back into the page, so it must be typed again.</summary>
    public bool PasswordNotKept { get; private set; }

    /// <summary>What the connection test found: null before a test, then success or the problem.</summary>
    public (bool Succeeded, string Message, string? Detail)? Tested { get; private set; }

    public IReadOnlyList<Choice> RequestTypes { get; private set; } = [];
    public IReadOnlyList<Choice> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (found, mailbox) = await FindAsync(ct);
        if (!found) return NotFound();
        if (mailbox is not null) Input = MailboxInput.Of(mailbox);
        await LoadAsync(mailbox, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (found, mailbox) = await FindAsync(ct);
        if (!found) return NotFound();
        await LoadAsync(mailbox, ct);
        if (!await ValidAsync(mailbox, ct)) return Page();

        if (mailbox is null)
        {
            mailbox = new Mailbox { CreatedAt = time.GetUtcNow() };
            db.Mailboxes.Add(mailbox);
        }
        Input.ApplyTo(mailbox);
        if (!string.IsNullOrEmpty(Input.Password)) mailbox.ProtectedPassword = passwords.Protect(Input.Password);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Mailbox {MailboxId} ({Address}) saved by {Admin}", mailbox.Id, mailbox.Address, User.Identity?.Name);
        TempData["Flash"] = L["The mailbox {0} was saved.", mailbox.Address].Value;
        return Redirect("/admin/mailboxes");
    }

    /// <summary>Signs in with what the form says (the stored password when the field is left empty); nothing is saved.</summary>
    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        var (found, mailbox) = await FindAsync(ct);
        if (!found) return NotFound();
        await LoadAsync(mailbox, ct);
        if (!await ValidAsync(mailbox, ct)) return Page();

        var password = string.IsNullOrEmpty(Input.Password) ? passwords.Unprotect(mailbox!.ProtectedPassword)! : Input.Password;
        var settings = new ImapSettings(Input.ImapHost!.Trim(), Input.ImapPort, Input.Security, Input.UserName!.Trim(), password,
            Input.Folder!.Trim(), string.IsNullOrWhiteSpace(Input.MoveToFolder) ? null : Input.MoveToFolder.Trim());
        var problem = await connections.TestAsync(settings, ct);
        log.LogInformation("Connection test of {Host}:{Port} ({Security}) as {UserName}: {Problem}", settings.Host, settings.Port, settings.Security,
            settings.UserName, problem?.Kind.ToString() ?? "signed in");
        PasswordNotKept = !string.IsNullOrEmpty(Input.Password);
        Tested = problem is null
            ? (true, L["Guichet signed in and opened the folder {0}.", settings.Folder], null)
            : (false, Explain(problem, settings), problem.Detail);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var (_, mailbox) = await FindAsync(ct);
        if (mailbox is null) return NotFound();
        // Its messages stay (InboundMessages.MailboxId is no foreign key): what came in stays visible, under "deleted mailbox".
        db.Mailboxes.Remove(mailbox);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Mailbox {MailboxId} ({Address}) deleted by {Admin}", mailbox.Id, mailbox.Address, User.Identity?.Name);
        TempData["Flash"] = L["The mailbox {0} was deleted; the messages it received are kept.", mailbox.Address].Value;
        return Redirect("/admin/mailboxes");
    }

    private string Explain(ImapProblem problem, ImapSettings settings) => problem.Kind switch
    {
        ImapProblemKind.Unreachable => L["The server {0} cannot be reached on port {1}: check its name, the port and the firewall.", settings.Host, settings.Port],
        ImapProblemKind.Tls => L["The secure connection failed: check the security setting and the port (TLS is usually 993, STARTTLS 143)."],
        ImapProblemKind.CertificateNotTrusted => L["The server's certificate is not trusted. If it is your own server's certificate, add its SHA-256 fingerprint to the setting Guichet:InboundMail:TrustedCertificates: {0}", problem.Fingerprint ?? ""],
        ImapProblemKind.Authentication => L["The server refused the user name or the password."],
        ImapProblemKind.FolderMissing => L["Guichet signed in, but the folder {0} does not exist.", settings.Folder],
        ImapProblemKind.MoveFolderMissing => L["Guichet signed in, but the folder {0}, where processed messages go, does not exist.", settings.MoveToFolder ?? ""],
        _ => L["The connection failed."],
    };

    /// <summary>The mailbox the address names (tracked), or none for "new"; not found for anything else.</summary>
    private async Task<(bool Found, Mailbox? Mailbox)> FindAsync(CancellationToken ct)
    {
        if (Key == "new") return (true, null);
        if (Id is not { } id) return (false, null);
        var mailbox = await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == id, ct);
        return (mailbox is not null, mailbox);
    }

    /// <summary>The rules the attributes cannot say; on a refusal the form comes back with everything typed but the password.</summary>
    private async Task<bool> ValidAsync(Mailbox? mailbox, CancellationToken ct)
    {
        if (!Enum.IsDefined(Input.Security)) ModelState.AddModelError("Input.Security", L["Choose a security setting from the list."]);
        if (string.IsNullOrEmpty(Input.Password) && !HasPassword)
            ModelState.AddModelError("Input.Password", mailbox is null
                ? L["Enter the password of the IMAP account."]
                : L["The stored password can no longer be read: enter it again."]);
        if (Input.RequestTypeId is { } type && RequestTypes.All(t => t.Id != type))
            ModelState.AddModelError("Input.RequestTypeId", L["Choose a request type from the list."]);
        if (Input.GroupId is { } group && Groups.All(g => g.Id != group))
            ModelState.AddModelError("Input.GroupId", L["Choose a group from the list."]);
        if (!string.IsNullOrWhiteSpace(Input.MoveToFolder) && Input.MoveToFolder.Trim() == Input.Folder?.Trim())
            ModelState.AddModelError("Input.MoveToFolder", L["Choose another folder than the one fetched, or none."]);
        if (Input.Address is { } address && ModelState.GetFieldValidationState("Input.Address") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            var normalized = MailboxInput.Normalize(address);
            if (await db.Mailboxes.AnyAsync(m => m.Address == normalized && m.Id != (mailbox == null ? 0 : mailbox.Id), ct))
                ModelState.AddModelError("Input.Address", L["Another mailbox already has the address {0}.", normalized]);
        }
        if (ModelState.IsValid) return true;
        PasswordNotKept = !string.IsNullOrEmpty(Input.Password);
        return false;
    }

    private async Task LoadAsync(Mailbox? mailbox, CancellationToken ct)
    {
        SavedAddress = mailbox?.Address;
        HasPassword = mailbox is not null && passwords.Unprotect(mailbox.ProtectedPassword) is not null;
        // The active types, and the one the mailbox has even if it was deactivated since (new mail then gets the default type).
        var current = mailbox?.RequestTypeId;
        RequestTypes = (await db.RequestTypes.AsNoTracking().Where(t => t.IsActive || t.Id == current).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct))
            .Select(t => new Choice(t.Id, t.Names.ToString())).ToList();
        Groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new Choice(g.Id, g.Name)).ToListAsync(ct);
    }
}

public sealed class MailboxInput
{
    [Required(ErrorMessage = "Enter the support address."), EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(320, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Support address")]
    public string? Address { get; set; }

    [Required(ErrorMessage = "Enter the name of the IMAP server."), StringLength(255, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "IMAP server")]
    public string? ImapHost { get; set; }

    [Range(1, 65535, ErrorMessage = "Enter a port between {1} and {2}.")]
    [Display(Name = "Port")]
    public int ImapPort { get; set; } = 993;

    [Display(Name = "Security")]
    public ImapSecurity Security { get; set; } = ImapSecurity.Tls;

    [Required(ErrorMessage = "Enter the user name of the IMAP account."), StringLength(320, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "User name")]
    public string? UserName { get; set; }

    /// <summary>Never filled in by the page; empty on an existing mailbox keeps the stored password.</summary>
    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Enter the folder to fetch."), StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Folder")]
    public string? Folder { get; set; } = "INBOX";

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Move processed messages to")]
    public string? MoveToFolder { get; set; }

    [Range(10, 86_400, ErrorMessage = "Enter a number of seconds between {1} and {2}.")]
    [Display(Name = "Poll interval (seconds)")]
    public int PollSeconds { get; set; } = 60;

    [Display(Name = "Default request type")]
    public int? RequestTypeId { get; set; }

    [Display(Name = "Default group")]
    public int? GroupId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Addresses are compared as mail servers do in practice: case does not make another mailbox.</summary>
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    public static MailboxInput Of(Mailbox m) => new()
    {
        Address = m.Address, ImapHost = m.ImapHost, ImapPort = m.ImapPort, Security = m.Security, UserName = m.UserName, Folder = m.Folder,
        MoveToFolder = m.MoveToFolder, PollSeconds = m.PollSeconds, RequestTypeId = m.RequestTypeId, GroupId = m.GroupId, IsActive = m.IsActive,
    };

    public void ApplyTo(Mailbox m)
    {
        m.Address = Normalize(Address!);
        m.ImapHost = ImapHost!.Trim();
        m.ImapPort = ImapPort;
        m.Security = Security;
        m.UserName = UserName!.Trim();
        m.Folder = Folder!.Trim();
        m.MoveToFolder = string.IsNullOrWhiteSpace(MoveToFolder) ? null : MoveToFolder.Trim();
        m.PollSeconds = PollSeconds;
        m.RequestTypeId = RequestTypeId;
        m.GroupId = GroupId;
        m.IsActive = IsActive;
    }
}

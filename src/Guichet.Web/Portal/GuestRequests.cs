using System.Security.Cryptography;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Portal;

/// <summary>
/// Requests from people who are not signed in (docs/portal.md, "Guests"). The sign-up policy
/// decides whether the address may come in (<see cref="SignUp.AdmitAsync"/>, the same rule as the
/// sign-up page); the request is held; the link mailed to the address, which proves the sender reads
/// it, opens the request through <see cref="TicketIntake"/> as from any other door.
/// </summary>
public sealed class GuestRequests(GuichetDbContext db, SignUp signUp, EmailVerification verification, TicketIntake intake,
    UserManager<User> users, GuestRequestMail mail, IDataProtectionProvider protection, IOptions<PortalOptions> options, TimeProvider time,
    ILogger<GuestRequests> log)
{
    public sealed record Guest(string Email, string FirstName, string LastName, string Culture);

    /// <summary>A held request as its link opens it.</summary>
    public sealed record Pending(HeldRequest Held, User User, TicketIntake.Request Request, IReadOnlyList<PendingUpload> Files)
    {
        /// <summary>The person has no password yet: confirming the address opens their account.</summary>
        public bool NeedsPassword => User.PasswordHash is null;
    }

    /// <summary>
    /// Whether the form is offered to visitors who are not signed in. It may still refuse the
    /// address they type, which only their mailbox learns.
    /// </summary>
    public async Task<bool> AcceptsGuestsAsync(CancellationToken ct) => await signUp.PolicyAsync(ct) != SignUpPolicy.InvitationOnly;

    /// <summary>
    /// Who owns a guest's files while the form goes back and forth: a random id carried by the form
    /// itself, protected so that nobody can pass for another owner. A missing or altered key starts a new one.
    /// </summary>
    public (Guid Owner, string Key) UploadOwner(string? key)
    {
        var protector = protection.CreateProtector("Guichet.Portal.GuestUploads");
        if (!string.IsNullOrEmpty(key))
        {
            try { return (Guid.ParseExact(protector.Unprotect(key), "N"), key); }
            catch (CryptographicException) { log.LogInformation("A guest form came back with an altered upload key"); }
        }
        var owner = Guid.NewGuid();
        return (owner, protector.Protect(owner.ToString("N")));
    }

    /// <summary>
    /// Holds the request and mails the address the link that sends it, or why it cannot be taken.
    /// The <paramref name="request"/>'s requester is ignored: it is the person behind the address.
    /// </summary>
    public async Task SubmitAsync(Guest guest, TicketIntake.Request request, IReadOnlyList<PendingUpload> files, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var admission = await signUp.AdmitAsync(guest.Email, guest.FirstName, guest.LastName, guest.Culture, ct);
        if (admission.User is { } user)
        {
            var (held, token) = HeldRequest.Hold(user.Id, request, time.GetUtcNow(), TimeSpan.FromDays(options.Value.HeldRequestDays));
            db.HeldRequests.Add(held);
            foreach (var file in files) file.HoldFor(held.Id, user.Id);
            var link = $"/requests/confirm?request={held.Id}&token={token}";
            if (admission.Outcome == SignUp.Outcome.HasAccount) mail.ConfirmRequest(user, guest.Culture, request.Subject, link);
            else mail.ConfirmAddress(user, guest.Culture, request.Subject, link);
            log.LogInformation("Guest request {HeldRequestId} held for {UserId} ({Outcome})", held.Id, user.Id, admission.Outcome);
        }
        else
        {
            db.RemoveRange(files);
            if (admission.Outcome == SignUp.Outcome.Refused) mail.Refused(guest.Email.Trim(), guest.Culture, request.Subject);
            log.LogInformation("Guest request not held ({Outcome})", admission.Outcome);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The held request a link opens, while the link is good: its token, not expired, not used yet.</summary>
    public async Task<Pending?> FindAsync(Guid id, string? token, CancellationToken ct)
    {
        var held = await db.HeldRequests.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (held is null || !held.Opens(token, time.GetUtcNow())) return null;
        var user = await users.FindByIdAsync(held.UserId.ToString());
        if (user is null) return null;
        var files = await db.Set<PendingUpload>().Where(p => p.HeldRequestId == held.Id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        return new Pending(held, user, held.Request(files), files);
    }

    /// <summary>
    /// Sends the held request found with its link: for a person without a password, the link proved
    /// the address, which opens their account as the sign-up link does
    /// (<see cref="EmailVerification.OpenAccountAsync"/>: password, invitations, organization, sign-in);
    /// a person who has an account must be signed in as that account. Then the ticket is opened.
    /// </summary>
    /// <returns>The password's errors, or the ticket.</returns>
    /// <exception cref="DbUpdateConcurrencyException">The same link was followed twice at once; the other one opened it.</exception>
    public async Task<(IdentityResult Result, Ticket? Ticket)> ConfirmAsync(Pending pending, string? password, Guid? signedInUserId, CancellationToken ct)
    {
        if (pending.NeedsPassword)
        {
            var verified = await verification.OpenAccountAsync(pending.User, password, ct);
            if (!verified.Succeeded) return (verified, null);
        }
        else if (signedInUserId != pending.User.Id)
        {
            throw new InvalidOperationException("A held request of an account is confirmed by that account, signed in.");
        }

        var request = pending.Request;
        var types = await intake.TypesForAsync(pending.User.Id, ct);
        // Switched off while the request waited: better the first kind still offered than a lost request.
        if (types.All(t => t.Id != request.RequestTypeId)) request = request with { RequestTypeId = types[0].Id };

        // Deleted in the ticket's own save: a second opening finds nothing to delete and fails as a whole.
        db.HeldRequests.Remove(pending.Held);
        var ticket = await intake.OpenAsync(request, ct);
        log.LogInformation("Guest request {HeldRequestId} opened as ticket {Number}", pending.Held.Id, ticket.Number);
        return (IdentityResult.Success, ticket);
    }

    /// <summary>Whether a request is still waiting for its confirmation (straight from the database).</summary>
    public Task<bool> IsHeldAsync(Guid id, CancellationToken ct) => db.HeldRequests.AsNoTracking().AnyAsync(h => h.Id == id, ct);

    /// <summary>Deletes the requests nobody confirmed in time, and their files (the blobs stay: docs/attachments.md).</summary>
    public Task<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.HeldRequests.Where(h => h.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}

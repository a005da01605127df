using Guichet.Web.Accounts;
using Guichet.Web.Pages.Shared;

namespace Guichet.Web.Pages.Admin.Agents;

/// <summary>A new member of the support team as the invitation form asks for them.</summary>
public sealed class AgentInviteInput : InvitedPersonInput
{
    public AgentAccounts.Role Role { get; set; } = AgentAccounts.Role.Agent;

    public bool IsEditor { get; set; }

    public List<int> GroupIds { get; set; } = [];
}

using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Groups;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>Technician groups: add, rename, level, activate or deactivate; members added, removed and reordered.</summary>
public partial class GroupsTab
{
    private readonly Dictionary<int, GroupForm> _forms = [];

    [Inject]
    private GetCatalogSettings Settings { get; set; } = default!;

    [Inject]
    private AddGroup Add { get; set; } = default!;

    [Inject]
    private UpdateGroup Update { get; set; } = default!;

    [Inject]
    private SetGroupActive SetActive { get; set; } = default!;

    [Inject]
    private AddGroupMember AddMember { get; set; } = default!;

    [Inject]
    private RemoveGroupMember RemoveMember { get; set; } = default!;

    [Inject]
    private MoveGroupMember MoveMember { get; set; } = default!;

    internal CatalogSettings? Catalog { get; private set; }

    internal GroupForm NewGroup { get; } = new() { Level = 1 };

    protected override async Task LoadAsync() => Catalog = await Settings.HandleAsync(User, CancellationToken.None);

    /// <summary>The group's edit form; what was typed survives reloads until saved.</summary>
    internal GroupForm FormOf(GroupSetting group)
    {
        if (!_forms.TryGetValue(group.Id, out var form))
        {
            form = new GroupForm { Name = group.Name, Level = group.Level };
            _forms[group.Id] = form;
        }

        return form;
    }

    internal async Task AddGroupAsync()
    {
        if (await RunAsync(async () =>
            {
                await Add.HandleAsync(new AddGroupCommand(NewGroup.Name, NewGroup.Level), User, CancellationToken.None);
                return true;
            }, $"Se agregó el grupo «{NewGroup.Name.Trim()}»."))
        {
            NewGroup.Name = "";
        }
    }

    internal async Task UpdateAsync(GroupSetting group)
    {
        var form = FormOf(group);
        if (await RunAsync(() => Update.HandleAsync(new UpdateGroupCommand(group.Id, form.Name, form.Level), User, CancellationToken.None), "Se guardó el grupo."))
        {
            _forms.Remove(group.Id);
        }
    }

    internal Task ToggleAsync(GroupSetting group) => RunAsync(
        () => SetActive.HandleAsync(new SetGroupActiveCommand(group.Id, !group.IsActive), User, CancellationToken.None),
        group.IsActive ? $"Se desactivó el grupo «{group.Name}»." : $"Se activó el grupo «{group.Name}».");

    internal async Task AddMemberAsync(GroupSetting group)
    {
        var form = FormOf(group);
        if (form.NewMember is not { } person)
        {
            return;
        }

        if (await RunAsync(() => AddMember.HandleAsync(new AddGroupMemberCommand(group.Id, person), User, CancellationToken.None),
            "Se agregó el técnico al grupo."))
        {
            form.NewMember = null;
        }
    }

    internal Task RemoveAsync(GroupSetting group, GroupMemberSetting member) => RunAsync(
        () => RemoveMember.HandleAsync(new RemoveGroupMemberCommand(group.Id, member.PersonId), User, CancellationToken.None),
        $"{member.Name} salió del grupo «{group.Name}».");

    internal Task MoveAsync(GroupSetting group, GroupMemberSetting member, int index) => RunAsync(
        () => MoveMember.HandleAsync(new MoveGroupMemberCommand(group.Id, member.PersonId, index), User, CancellationToken.None),
        "Se cambió el orden del reparto.");

    /// <summary>What the coordinator types about one group (kept on a refusal).</summary>
    internal sealed class GroupForm
    {
        public string Name { get; set; } = "";

        public int Level { get; set; }

        public Guid? NewMember { get; set; }
    }
}

/*
 * The records the panel loads, as Ext models: what a window or grid shows comes from these,
 * and they keep every field the server sent (also those no column shows). Ids are kept as the
 * API gives them: numbers, or strings (numeric or UUID) in regions that use them.
 *
 *   user card «#<id> клиент»:  form.getRecord() → Nav.model.SiteUser
 *   its «Дети» grid:           grid.getStore().getRange() → Nav.model.Kid
 *   «Редактирование ребенка»:  form.getRecord() → Nav.model.Kid (updated from each answer)
 */
/* global Ext */
Ext.define('Nav.model.SiteUser', {
    extend: 'Ext.data.Model',
    idProperty: 'id',
    fields: [
        { name: 'id', type: 'auto' },
        { name: 'last_name', type: 'string' },
        { name: 'first_name', type: 'string' },
        { name: 'patro_name', type: 'string' },
        { name: 'full_name', type: 'string' },
        { name: 'email', type: 'string' },
        { name: 'phone', type: 'string' },
        { name: 'municipality_id', type: 'auto' },
        { name: 'municipality', type: 'string' },
        { name: 'is_resident', type: 'boolean' },
        { name: 'is_verified', type: 'boolean' },
        { name: 'is_accepted_consent_pdp', type: 'boolean' },
        { name: 'created_at', type: 'string' }
    ]
});

Ext.define('Nav.model.Kid', {
    extend: 'Ext.data.Model',
    idProperty: 'id',
    fields: [
        { name: 'id', type: 'auto' },
        { name: 'user_id', type: 'auto' },
        { name: 'last_name', type: 'string' },
        { name: 'first_name', type: 'string' },
        { name: 'patro_name', type: 'string' },
        { name: 'full_name', type: 'string' },
        // 'Y-m-d' as the server sends it (not converted to a Date).
        { name: 'birthday', type: 'string' },
        { name: 'sex', type: 'string' },
        { name: 'snils', type: 'string' },
        { name: 'is_deleted', type: 'boolean' },
        { name: 'is_approved', type: 'boolean' },
        { name: 'parent', type: 'auto' },
        { name: 'approved_by', type: 'auto' }
    ]
});

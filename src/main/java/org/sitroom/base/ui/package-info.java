/** Main layout, navigation, header, empty states and error pages shared by all views. */
@org.springframework.modulith.NamedInterface("ui")
package org.sitroom.base.ui;

/**
 * The agents of price coordination. Not exported: a member agent keeps its peer's data to itself
 * and only answers prices; it is reached through {@link
 * org.gridbazaar.architecture.coordination.MemberHost}, wherever a transport runs it.
 */
package org.gridbazaar.architecture.internal;

x, y, w = 2.0, 4.0, 1.0
y_hat = x * w
r = y_hat - y
loss = r**2

g_loss = 1.0  # (1)!
g_r = g_loss * (2 * r)  # (2)!
g_yhat = g_r * 1.0
g_w = g_yhat * x  # (3)!
g_x = g_yhat * w
print("dl/dr =", g_r, " dl/dy_hat =", g_yhat)
print("dl/dw =", g_w, " dl/dx =", g_x)

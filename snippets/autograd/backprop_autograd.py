import torch

torch.manual_seed(0)

x, y = torch.tensor(2.0), torch.tensor(4.0)
w = torch.tensor(1.0, requires_grad=True)

y_hat = x * w
r = y_hat - y
y_hat.retain_grad()  # (1)!
r.retain_grad()
loss = r**2
loss.backward()

print(loss)
print("dl/dr =", r.grad, " dl/dy_hat =", y_hat.grad, " dl/dw =", w.grad)
by_hand = torch.tensor(-8.0)  # (2)!
print("autograd == by hand:", torch.allclose(w.grad, by_hand))

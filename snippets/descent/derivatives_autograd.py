import torch

torch.manual_seed(0)

w = torch.tensor([1.0, -2.0], requires_grad=True)  # (1)!
loss = (w**2).sum()  # (2)!
loss.backward()  # (3)!
print("loss", loss, "grad", w.grad)

(w**2).sum().backward()  # (4)!
print("called twice:", w.grad)

w.grad.zero_()
(w**2).sum().backward()
with torch.no_grad():  # (5)!
    w -= 0.1 * w.grad
print("one step:", w.detach())  # (6)!

(g,) = torch.autograd.grad((w**2).sum(), w)  # (7)!
print("autograd.grad:", g, "w.grad:", w.grad)

w2 = torch.tensor([1.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([w2], lr=0.1)  # (8)!
opt.zero_grad()
(w2**2).sum().backward()
opt.step()
print("optim.SGD step:", w2.detach())

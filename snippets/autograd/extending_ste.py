import torch

torch.manual_seed(0)


class StepSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        return (z > 0).to(z.dtype)  # (1)!

    @staticmethod
    def backward(ctx, grad_out):
        return grad_out  # (2)!


x = torch.tensor([0.5, -1.0, 2.0])  # the data of the activations page
target = torch.tensor([1.0, 1.0, 0.0])
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
opt = torch.optim.SGD([w, b], lr=1.0)
for step in range(3):
    opt.zero_grad()
    out = StepSTE.apply(w * x + b)
    loss = ((out - target) ** 2).mean()
    loss.backward()
    print(f"step {step}: out {out.int().tolist()}  loss {loss.item():.4f}",
          f" dL/dw {w.grad.item():+.4f}  dL/db {b.grad.item():+.4f}")
    opt.step()
print(f"w {w.item():.4f}  b {b.item():.4f}: fires when x < {(-b / w).item():.2f}")
z = torch.tensor([-1.0, 0.5], dtype=torch.float64, requires_grad=True)
ok = torch.autograd.gradcheck(StepSTE.apply, (z,), raise_exception=False)  # (3)!
print("gradcheck:", ok)
